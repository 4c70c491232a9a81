package io.muxlab.harness.timers;

import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.JsonWriter;
import io.muxlab.harness.section.Row;
import java.util.Map;

/**
 * One timer run as results.json and the table show it. Each workload fills its own figures; the
 * rest, and every figure of a run that was not made or failed, are NaN (null in JSON).
 *
 * @param workload {@code lateness}, {@code idle} or {@code schedule-cancel}
 * @param server the facility: {@code heap}, {@code wheel}, {@code fd-per-timer}, {@code stpe}, {@code netty-hwt}
 * @param kind {@code ours} or {@code peer}
 * @param timers armed timers (lateness, idle) or live timers (schedule-cancel)
 * @param opsPerSecond schedule+cancel pairs per second, the facility's catching up included
 * @param callerOpsPerSecond the same over the calling thread's loop alone
 * @param wakeupsPerSecond idle: times per second the facility's thread went to sleep and was woken
 * @param cpuMillisPerSecond idle: CPU ms per second of the whole child process (JVM threads included)
 * @param threadCpuMillisPerSecond idle: CPU ms per second of the facility's thread
 * @param note why a run was not made (the descriptor limit), or null
 * @param error what went wrong, or null
 */
record TimerRow(String workload, String server, String kind, int timers, double p50Micros, double p99Micros,
        double maxMicros, double opsPerSecond, double callerOpsPerSecond, double wakeupsPerSecond,
        double cpuMillisPerSecond, double threadCpuMillisPerSecond, int errors, String note, String error) implements Row {

    static final String SCENARIO = "timers";

    /** The row for a child's result line. */
    static TimerRow measured(String workload, String server, String kind, int timers, Map<String, Double> f) {
        return new TimerRow(workload, server, kind, timers, get(f, "p50Micros"), get(f, "p99Micros"), get(f, "maxMicros"),
                get(f, "opsPerSecond"), get(f, "callerOpsPerSecond"), get(f, "wakeupsPerSecond"),
                get(f, "cpuMillisPerSecond"), get(f, "threadCpuMillisPerSecond"), 0, null, null);
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
        return new TimerRow(workload, server, kind, timers, nan, nan, nan, nan, nan, nan, nan, nan, errors, note, error);
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
                .field("wakeupsPerSecond", wakeupsPerSecond).field("cpuMillisPerSecond", cpuMillisPerSecond)
                .field("threadCpuMillisPerSecond", threadCpuMillisPerSecond)
                .field("errors", errors).field("note", note).field("error", error)
                .endObject();
    }
}
