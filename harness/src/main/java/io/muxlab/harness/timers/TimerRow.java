package io.muxlab.harness.timers;

import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.JsonWriter;
import io.muxlab.harness.section.Row;
import java.util.Map;

/**
 * One timer run as results.json and the table show it. Each workload fills its own figures; the
 * rest, and every figure of a run that was not made or failed, are NaN (null in JSON).
 *
 * @param workload {@code lateness}, {@code idle}, {@code due}, {@code heap} or {@code schedule-cancel}
 * @param server the facility: {@code heap}, {@code wheel}, {@code fd-per-timer}, {@code stpe}, {@code netty-hwt}
 * @param kind {@code ours} or {@code peer}
 * @param timers armed timers (lateness, idle: 0 is an empty facility, heap), timers due per second
 *     (due), or live timers (schedule-cancel)
 * @param opsPerSecond schedule+cancel pairs per second, the facility's catching up included
 * @param callerOpsPerSecond the same over the calling thread's loop alone
 * @param wakeupsPerSecond idle, due: times per second the facility's thread went to sleep and was woken
 * @param dueTicksPerSecond due: distinct 1 ms ticks per second that held a deadline (a tickless
 *     facility's floor of wake-ups); 0 for idle
 * @param cpuMillisPerSecond idle: CPU ms per second of the whole child process (JVM threads included)
 * @param threadCpuMillisPerSecond idle: CPU ms per second of the facility's thread
 * @param heapBytesPerTimer heap: heap retained per live timer, after a full GC
 * @param note why a run was not made (the descriptor limit), or null
 * @param error what went wrong, or null
 */
record TimerRow(String workload, String server, String kind, int timers, double p50Micros, double p99Micros,
        double maxMicros, double opsPerSecond, double callerOpsPerSecond, double wakeupsPerSecond, double dueTicksPerSecond,
        double cpuMillisPerSecond, double threadCpuMillisPerSecond, double heapBytesPerTimer, int errors, String note,
        String error) implements Row {

    static final String SCENARIO = "timers";

    /** The row for a child's result line. */
    static TimerRow measured(String workload, String server, String kind, int timers, Map<String, Double> f) {
        return new TimerRow(workload, server, kind, timers, get(f, "p50Micros"), get(f, "p99Micros"), get(f, "maxMicros"),
                get(f, "opsPerSecond"), get(f, "callerOpsPerSecond"), get(f, "wakeupsPerSecond"), get(f, "dueTicksPerSecond"),
                get(f, "cpuMillisPerSecond"), get(f, "threadCpuMillisPerSecond"), get(f, "heapBytesPerTimer"), 0, null, null);
    }

    /** A run that was not made, and why (not an error: a limit of the facility or the machine). */
    static TimerRow notRun(String workload, String server, String kind, int timers, String note) {
        return empty(workload, server, kind, timers, 0, note, null);
    }

    static TimerRow failed(String workload, String server, String kind, int timers, String error) {
        return empty(workload, server, kind, timers, 1, null, error);
    }

    private static TimerRow empty(String workload, String server, String kind, int timers, int errors, String note, String error) {
        double nan = Double.NaN;
        return new TimerRow(workload, server, kind, timers, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, errors, note, error);
    }

    private static double get(Map<String, Double> figures, String name) {
        return figures.getOrDefault(name, Double.NaN);
    }

    @Override
    public String scenario() {
        return SCENARIO;
    }

    /** True if the run measured something (made, and without errors). */
    boolean wasMeasured() {
        return errors == 0 && note == null;
    }

    @Override
    public String figures() {
        if (error != null) {
            return "ERROR: " + error;
        }
        if (note != null) {
            return note;
        }
        switch (workload) {
            case TimerChild.LATENESS:
                return "lateness p50 " + Fmt.micros(p50Micros) + ", p99 " + Fmt.micros(p99Micros) + ", max " + Fmt.micros(maxMicros);
            case TimerChild.IDLE:
                return Fmt.decimal(wakeupsPerSecond, 1) + " wake-ups/s, thread " + Fmt.decimal(threadCpuMillisPerSecond, 2)
                        + " ms CPU/s, process " + Fmt.decimal(cpuMillisPerSecond, 1) + " ms CPU/s";
            case TimerChild.DUE:
                return Fmt.decimal(wakeupsPerSecond, 1) + " wake-ups/s for " + Fmt.decimal(dueTicksPerSecond, 1)
                        + " due ticks/s, thread " + Fmt.decimal(threadCpuMillisPerSecond, 2) + " ms CPU/s";
            case TimerChild.HEAP:
                return Fmt.decimal(heapBytesPerTimer, 1) + " B heap per live timer";
            default:
                return Fmt.count(opsPerSecond) + " schedule+cancel/s (caller alone " + Fmt.count(callerOpsPerSecond) + ")";
        }
    }

    @Override
    public void writeJson(JsonWriter json) {
        json.beginObject()
                .field("scenario", SCENARIO).field("workload", workload).field("server", server).field("kind", kind)
                .field("timers", timers)
                .field("p50Micros", p50Micros).field("p99Micros", p99Micros).field("maxMicros", maxMicros)
                .field("opsPerSecond", opsPerSecond).field("callerOpsPerSecond", callerOpsPerSecond)
                .field("wakeupsPerSecond", wakeupsPerSecond).field("dueTicksPerSecond", dueTicksPerSecond)
                .field("cpuMillisPerSecond", cpuMillisPerSecond).field("threadCpuMillisPerSecond", threadCpuMillisPerSecond)
                .field("heapBytesPerTimer", heapBytesPerTimer)
                .field("errors", errors).field("note", note).field("error", error)
                .endObject();
    }
}
