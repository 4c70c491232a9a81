package io.muxlab.harness.delay;

import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.JsonWriter;
import io.muxlab.harness.measure.Spread;
import io.muxlab.harness.section.Row;
import java.util.Locale;
import java.util.Map;

/**
 * One delay-queue point as results.json and the tables show it: every figure of each repeat the
 * child made ({@link Spread}, named as in {@link WorkloadResult}); the accessors give the medians,
 * which charts, captions and targets use. Figures a measure does not make, or that a failed run
 * could not, are absent: NaN medians, null in JSON.
 *
 * @param measure {@code enqueue}, {@code lateness} or {@code recovery}
 * @param server our queue's fsync policy ({@code always}, {@code batch}, {@code never}) or a reference's name
 * @param kind {@code ours} or {@code reference}
 * @param producers enqueue: producer threads; else 0
 * @param tasksPerCall enqueue: tasks per call — 1 is one {@code delay} per task, more is one {@code delayAll}; else 0
 * @param inFlight enqueue: futures each producer keeps in flight, one {@code delayAsync} per task; 0 for calls that wait
 * @param pending lateness, recovery: tasks waiting besides the probes; else 0
 * @param tickMillis our queue's wheel tick (the default); the unit of the lateness target
 * @param spreads each figure's repeats, by name
 * @param error what went wrong, or null
 */
record DelayRow(String measure, String server, String kind, int producers, int tasksPerCall, int inFlight, int pending, long tickMillis,
        Map<String, Spread> spreads, int errors, String error) implements Row {

    static final String SCENARIO = "delay-queue";

    DelayRow {
        spreads = Map.copyOf(spreads);
    }

    static DelayRow of(WorkloadSpec spec, long tickMillis, WorkloadResult r) {
        return new DelayRow(spec.measure().id(), spec.server().label(), spec.server().kind(), spec.producers(), spec.tasksPerCall(),
                spec.inFlight(), spec.pending(), tickMillis, r.figures(), 0, null);
    }

    static DelayRow failed(WorkloadSpec spec, long tickMillis, String error) {
        return new DelayRow(spec.measure().id(), spec.server().label(), spec.server().kind(), spec.producers(), spec.tasksPerCall(),
                spec.inFlight(), spec.pending(), tickMillis, Map.of(), 1, error);
    }

    @Override
    public String scenario() {
        return SCENARIO;
    }

    boolean measured() {
        return errors == 0;
    }

    /** One figure's repeats; {@link Spread#NONE} if this row has none. */
    Spread spread(String figure) {
        return spreads.getOrDefault(figure, Spread.NONE);
    }

    /** How many repeats the row's figures come from (0 for a failed run). */
    int repeats() {
        return spreads.values().stream().mapToInt(Spread::count).max().orElse(0);
    }

    double tasks() {
        return spread("tasks").median();
    }

    double seconds() {
        return spread("seconds").median();
    }

    double opsPerSecond() {
        return spread("opsPerSecond").median();
    }

    double fsyncs() {
        return spread("fsyncs").median();
    }

    double probes() {
        return spread("probes").median();
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

    double recoveryMillis() {
        return spread("recoveryMillis").median();
    }

    double heapBytesPerTask() {
        return spread("heapBytesPerTask").median();
    }

    /**
     * Enqueues one fsync covered (medians), or NaN where that says nothing: no fsyncs, or policy {@code never},
     * whose only fsyncs close a full segment before the log rolls to the next one.
     */
    double tasksPerFsync() {
        double fsyncs = fsyncs();
        if (Double.isNaN(fsyncs) || fsyncs == 0 || DelayServer.NEVER.label().equals(server)) {
            return Double.NaN;
        }
        return tasks() / fsyncs;
    }

    boolean ours() {
        return kind.equals("ours");
    }

    @Override
    public String figures() {
        if (error != null) {
            return "ERROR: " + error;
        }
        String of = repeats() > 1 ? " (median of " + repeats() + ")" : "";
        return switch (Measure.byId(measure)) {
            case ENQUEUE -> Fmt.count(opsPerSecond()) + " enqueues/s" + (Double.isNaN(tasksPerFsync()) ? ""
                    : String.format(Locale.ROOT, ", %.1f per fsync", tasksPerFsync())) + of;
            case LATENESS -> "late p50 " + Fmt.millis(p50Micros()) + " p99 " + Fmt.millis(p99Micros())
                    + (ours() ? " (tick " + tickMillis + " ms)" : "") + of;
            case RECOVERY -> (Double.isNaN(recoveryMillis()) ? "" : "recovered in " + Fmt.millis(recoveryMillis() * 1000) + ", ")
                    + Fmt.decimal(heapBytesPerTask(), 0) + " B heap per task" + of;
        };
    }

    /** Each figure as its median, with {@code <figure>Min}, {@code <figure>Max} and the repeats' count ({@code repeats}). */
    @Override
    public void writeJson(JsonWriter json) {
        json.beginObject()
                .field("scenario", SCENARIO).field("measure", measure).field("server", server).field("kind", kind)
                .field("producers", producers).field("tasksPerCall", tasksPerCall)
                .field("inFlight", inFlight).field("pending", pending)
                .field("tickMillis", tickMillis).field("repeats", repeats());
        for (String f : WorkloadResult.FIGURES) {
            Spread s = spread(f);
            json.field(f, s.median()).field(f + "Min", s.min()).field(f + "Max", s.max());
        }
        json.field("errors", errors).field("error", error).endObject();
    }
}
