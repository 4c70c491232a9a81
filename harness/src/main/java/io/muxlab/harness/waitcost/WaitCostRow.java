package io.muxlab.harness.waitcost;

import io.muxlab.harness.bench.IdleWait;
import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.JsonWriter;
import io.muxlab.harness.section.Row;
import java.util.Map;

/**
 * One wait-cost run as results.json and the table show it; the figures of a run that was not made
 * or failed are NaN (null in JSON).
 *
 * @param server the backend: {@code select}, {@code poll}, {@code epoll_wait}, {@code jdk-selector}, {@code io_uring}
 * @param kind {@code ours} (through muxlab's syscall layer) or {@code peer} (the JDK's Selector)
 * @param n descriptors asked for
 * @param descriptors descriptors registered (n rounded down to even)
 * @param calls wait calls timed, over every window
 * @param nanosPerCall wall time per call, the median of the windows
 * @param nanosMin the fastest window's wall time per call
 * @param nanosMax the slowest window's
 * @param cpuNanosPerCall the calling thread's CPU time per call, the median of the windows
 * @param note why a run was not made (FD_SETSIZE, no io_uring), or null
 * @param error what went wrong, or null
 */
record WaitCostRow(String server, String kind, int n, int descriptors, long calls, double nanosPerCall, double nanosMin,
        double nanosMax, double cpuNanosPerCall, int errors, String note, String error) implements Row {

    static final String SCENARIO = "wait-cost";

    static WaitCostRow measured(String server, int n, Map<String, Double> f) {
        return new WaitCostRow(server, kind(server), n, f.getOrDefault("descriptors", Double.NaN).intValue(),
                f.getOrDefault("calls", Double.NaN).longValue(), get(f, "nanosPerCall"), get(f, "nanosMin"),
                get(f, "nanosMax"), get(f, "cpuNanosPerCall"), 0, null, null);
    }

    static WaitCostRow notRun(String server, int n, String note) {
        return empty(server, n, 0, note, null);
    }

    static WaitCostRow failed(String server, int n, String error) {
        return empty(server, n, 1, null, error);
    }

    private static WaitCostRow empty(String server, int n, int errors, String note, String error) {
        double nan = Double.NaN;
        return new WaitCostRow(server, kind(server), n, 0, 0, nan, nan, nan, nan, errors, note, error);
    }

    private static String kind(String server) {
        return server.equals(IdleWait.JDK_SELECTOR) ? "peer" : "ours";
    }

    private static double get(Map<String, Double> f, String name) {
        return f.getOrDefault(name, Double.NaN);
    }

    /** True if the run measured something (made, and without errors). */
    boolean wasMeasured() {
        return errors == 0 && note == null && Double.isFinite(nanosPerCall);
    }

    /** CPU seconds for 100 000 calls, the unit of TLPI's Table 63-9. */
    double cpuSecondsPer100k() {
        return cpuNanosPerCall * 100_000 / 1e9;
    }

    @Override
    public String scenario() {
        return SCENARIO;
    }

    @Override
    public String figures() {
        if (error != null) {
            return "ERROR: " + error;
        }
        if (note != null) {
            return note;
        }
        return Fmt.nanos(nanosPerCall) + " per call (" + Fmt.nanos(nanosMin) + "–" + Fmt.nanos(nanosMax) + "), CPU "
                + Fmt.nanos(cpuNanosPerCall);
    }

    @Override
    public void writeJson(JsonWriter json) {
        json.beginObject()
                .field("scenario", SCENARIO).field("server", server).field("kind", kind).field("n", n)
                .field("descriptors", descriptors).field("calls", calls)
                .field("nanosPerCall", nanosPerCall).field("nanosMin", nanosMin).field("nanosMax", nanosMax)
                .field("cpuNanosPerCall", cpuNanosPerCall)
                .field("errors", errors).field("note", note).field("error", error)
                .endObject();
    }
}
