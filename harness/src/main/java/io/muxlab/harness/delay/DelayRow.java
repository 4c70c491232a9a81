package io.muxlab.harness.delay;

import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.JsonWriter;
import io.muxlab.harness.section.Row;
import java.util.Locale;

/**
 * One delay-queue run as results.json and the tables show it. Figures a measure does not make, or
 * that a failed run could not, are NaN (null in JSON).
 *
 * @param measure {@code enqueue}, {@code lateness} or {@code recovery}
 * @param server our queue's fsync policy ({@code always}, {@code batch}, {@code never}) or a reference's name
 * @param kind {@code ours} or {@code reference}
 * @param producers enqueue: producer threads; else 0
 * @param tasksPerCall enqueue: tasks per call — 1 is one {@code delay} per task, more is one {@code delayAll}; else 0
 * @param inFlight enqueue: futures each producer keeps in flight, one {@code delayAsync} per task; 0 for calls that wait
 * @param pending lateness, recovery: tasks waiting besides the probes; else 0
 * @param tickMillis our queue's wheel tick (the default); the unit of the lateness target
 * @param tasks enqueue: tasks in the counted window
 * @param seconds enqueue: the counted window's length
 * @param opsPerSecond enqueue: tasks / seconds (ours: durable per the policy when counted)
 * @param fsyncs enqueue: fsyncs of our log in the window
 * @param probes lateness: probe tasks timed
 * @param p50Micros lateness: median, from due time to the handler starting
 * @param p99Micros lateness: 99th percentile
 * @param maxMicros lateness: the latest probe
 * @param recoveryMillis recovery: reopening our queue and replaying its log
 * @param heapBytesPerTask recovery: heap per pending task after GC, beyond its 16-byte payload
 * @param error what went wrong, or null
 */
record DelayRow(String measure, String server, String kind, int producers, int tasksPerCall, int inFlight, int pending, long tickMillis,
        double tasks, double seconds, double opsPerSecond, double fsyncs, double probes, double p50Micros, double p99Micros,
        double maxMicros, double recoveryMillis, double heapBytesPerTask, int errors, String error) implements Row {

    static final String SCENARIO = "delay-queue";

    static DelayRow of(WorkloadSpec spec, long tickMillis, WorkloadResult r) {
        return new DelayRow(spec.measure().id(), spec.server().label(), spec.server().kind(), spec.producers(), spec.tasksPerCall(),
                spec.inFlight(), spec.pending(), tickMillis, r.tasks(), r.seconds(), r.opsPerSecond(), r.fsyncs(), r.probes(), r.p50Micros(),
                r.p99Micros(), r.maxMicros(), r.recoveryMillis(), r.heapBytesPerTask(), 0, null);
    }

    static DelayRow failed(WorkloadSpec spec, long tickMillis, String error) {
        double nan = Double.NaN;
        return new DelayRow(spec.measure().id(), spec.server().label(), spec.server().kind(), spec.producers(), spec.tasksPerCall(),
                spec.inFlight(), spec.pending(), tickMillis, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, 1, error);
    }

    @Override
    public String scenario() {
        return SCENARIO;
    }

    boolean measured() {
        return errors == 0;
    }

    /**
     * Enqueues one fsync covered, or NaN where that says nothing: no fsyncs, or policy {@code never},
     * whose only fsyncs close a full segment before the log rolls to the next one.
     */
    double tasksPerFsync() {
        if (Double.isNaN(fsyncs) || fsyncs == 0 || DelayServer.NEVER.label().equals(server)) {
            return Double.NaN;
        }
        return tasks / fsyncs;
    }

    boolean ours() {
        return kind.equals("ours");
    }

    @Override
    public String figures() {
        if (error != null) {
            return "ERROR: " + error;
        }
        return switch (Measure.byId(measure)) {
            case ENQUEUE -> Fmt.count(opsPerSecond) + " enqueues/s" + (Double.isNaN(tasksPerFsync()) ? ""
                    : String.format(Locale.ROOT, ", %.1f per fsync", tasksPerFsync()));
            case LATENESS -> "late p50 " + Fmt.millis(p50Micros) + " p99 " + Fmt.millis(p99Micros)
                    + (ours() ? " (tick " + tickMillis + " ms)" : "");
            case RECOVERY -> (Double.isNaN(recoveryMillis) ? "" : "recovered in " + Fmt.millis(recoveryMillis * 1000) + ", ")
                    + Fmt.decimal(heapBytesPerTask, 0) + " B heap per task";
        };
    }

    @Override
    public void writeJson(JsonWriter json) {
        json.beginObject()
                .field("scenario", SCENARIO).field("measure", measure).field("server", server).field("kind", kind)
                .field("producers", producers).field("tasksPerCall", tasksPerCall)
                .field("inFlight", inFlight).field("pending", pending)
                .field("tickMillis", tickMillis)
                .field("tasks", tasks).field("seconds", seconds).field("opsPerSecond", opsPerSecond).field("fsyncs", fsyncs)
                .field("probes", probes).field("p50Micros", p50Micros).field("p99Micros", p99Micros)
                .field("maxMicros", maxMicros).field("recoveryMillis", recoveryMillis)
                .field("heapBytesPerTask", heapBytesPerTask).field("errors", errors).field("error", error)
                .endObject();
    }
}
