package io.muxlab.harness.timers;

import io.muxlab.core.cli.ResultLine;
import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.JsonWriter;
import io.muxlab.harness.measure.Spread;
import io.muxlab.harness.section.Row;
import java.util.List;
import java.util.Map;

/**
 * One timer point as results.json and the table show it: every figure the child measured in each
 * of its repeats ({@link Spread}; the accessors give the median, which charts and captions use).
 * Each workload fills its own figures; the rest, and every figure of a run that was not made or
 * failed, are absent: NaN medians, null in JSON.
 *
 * <p>Figures: {@code p50Micros}, {@code p99Micros}, {@code maxMicros} (lateness);
 * {@code opsPerSecond}, schedule+cancel pairs per second with the facility's catching up, and
 * {@code callerOpsPerSecond}, the same over the calling thread's loop alone; {@code wakeupsPerSecond}
 * (idle, due: times per second the facility's thread went to sleep and was woken);
 * {@code dueTicksPerSecond} (due: distinct 1 ms ticks per second that held a deadline, a tickless
 * facility's floor of wake-ups; 0 for idle); {@code cpuMillisPerSecond} (the whole child process,
 * JVM threads included) and {@code threadCpuMillisPerSecond} (the facility's thread);
 * {@code heapBytesPerTimer} (heap retained per live timer, after a full GC).
 *
 * @param workload {@code lateness}, {@code idle}, {@code due}, {@code heap} or {@code schedule-cancel}
 * @param server the facility: {@code heap}, {@code wheel}, {@code fd-per-timer}, {@code stpe}, {@code netty-hwt}
 * @param kind {@code ours} or {@code peer}
 * @param timers armed timers (lateness, idle: 0 is an empty facility, heap), timers due per second
 *     (due), or live timers (schedule-cancel)
 * @param spreads each figure's repeats, by name (the names above)
 * @param note why a run was not made (the descriptor limit), or null
 * @param error what went wrong, or null
 */
record TimerRow(String workload, String server, String kind, int timers, Map<String, Spread> spreads, int errors, String note,
        String error) implements Row {

    static final String SCENARIO = "timers";
    static final List<String> FIGURES = List.of("p50Micros", "p99Micros", "maxMicros", "opsPerSecond", "callerOpsPerSecond",
            "wakeupsPerSecond", "dueTicksPerSecond", "cpuMillisPerSecond", "threadCpuMillisPerSecond", "heapBytesPerTimer");

    TimerRow {
        spreads = Map.copyOf(spreads);
    }

    /** The row for a child's result line: every repeat of every figure it carries. */
    static TimerRow measured(String workload, String server, String kind, int timers, ResultLine line) {
        return new TimerRow(workload, server, kind, timers, Spread.fromFields(line, FIGURES), 0, null, null);
    }

    /** A row of given figures, e.g. {@code "p99Micros", Spread.of(134, 105, 51)}. */
    static TimerRow measured(String workload, String server, String kind, int timers, Map<String, Spread> figures) {
        return new TimerRow(workload, server, kind, timers, figures, 0, null, null);
    }

    /** A run that was not made, and why (not an error: a limit of the facility or the machine). */
    static TimerRow notRun(String workload, String server, String kind, int timers, String note) {
        return new TimerRow(workload, server, kind, timers, Map.of(), 0, note, null);
    }

    static TimerRow failed(String workload, String server, String kind, int timers, String error) {
        return new TimerRow(workload, server, kind, timers, Map.of(), 1, null, error);
    }

    @Override
    public String scenario() {
        return SCENARIO;
    }

    /** One figure's repeats; {@link Spread#NONE} if this row has none. */
    Spread spread(String figure) {
        return spreads.getOrDefault(figure, Spread.NONE);
    }

    /** How many repeats the row's figures come from (0 for a run that measured nothing). */
    int repeats() {
        return spreads.values().stream().mapToInt(Spread::count).max().orElse(0);
    }

    double p50Micros() {
        return spread("p50Micros").median();
    }

    double p99Micros() {
        return spread("p99Micros").median();
    }

    double maxMicros() {
        return spread("maxMicros").median();
    }

    double opsPerSecond() {
        return spread("opsPerSecond").median();
    }

    double callerOpsPerSecond() {
        return spread("callerOpsPerSecond").median();
    }

    double wakeupsPerSecond() {
        return spread("wakeupsPerSecond").median();
    }

    double dueTicksPerSecond() {
        return spread("dueTicksPerSecond").median();
    }

    double cpuMillisPerSecond() {
        return spread("cpuMillisPerSecond").median();
    }

    double threadCpuMillisPerSecond() {
        return spread("threadCpuMillisPerSecond").median();
    }

    double heapBytesPerTimer() {
        return spread("heapBytesPerTimer").median();
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
        String of = repeats() > 1 ? " (median of " + repeats() + ")" : "";
        switch (workload) {
            case TimerChild.LATENESS:
                return "lateness p50 " + Fmt.micros(p50Micros()) + ", p99 " + Fmt.micros(p99Micros()) + ", max "
                        + Fmt.micros(maxMicros()) + of;
            case TimerChild.IDLE:
                return Fmt.decimal(wakeupsPerSecond(), 1) + " wake-ups/s, thread " + Fmt.decimal(threadCpuMillisPerSecond(), 2)
                        + " ms CPU/s, process " + Fmt.decimal(cpuMillisPerSecond(), 1) + " ms CPU/s" + of;
            case TimerChild.DUE:
                return Fmt.decimal(wakeupsPerSecond(), 1) + " wake-ups/s for " + Fmt.decimal(dueTicksPerSecond(), 1)
                        + " due ticks/s, thread " + Fmt.decimal(threadCpuMillisPerSecond(), 2) + " ms CPU/s" + of;
            case TimerChild.HEAP:
                return Fmt.decimal(heapBytesPerTimer(), 1) + " B heap per live timer" + of;
            default:
                return Fmt.count(opsPerSecond()) + " schedule+cancel/s (caller alone " + Fmt.count(callerOpsPerSecond()) + ")" + of;
        }
    }

    /** Each figure as its median, with {@code <figure>Min}, {@code <figure>Max} and the repeats' count ({@code repeats}). */
    @Override
    public void writeJson(JsonWriter json) {
        json.beginObject()
                .field("scenario", SCENARIO).field("workload", workload).field("server", server).field("kind", kind)
                .field("timers", timers).field("repeats", repeats());
        for (String f : FIGURES) {
            Spread s = spread(f);
            json.field(f, s.median()).field(f + "Min", s.min()).field(f + "Max", s.max());
        }
        json.field("errors", errors).field("note", note).field("error", error).endObject();
    }
}
