package io.muxlab.harness.delay;

import io.muxlab.harness.format.Fmt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The delay queue's targets held against the rows of one run: with {@code batch}, at least
 * 100 000 durable enqueues a second from 256 producers each blocking in {@code delay}, and at least
 * 200 000 from 8 producers each keeping {@code delayAsync} futures in flight; recovery of 1 000 000 pending tasks under 1 s; at most 64
 * bytes of heap per pending task beyond its payload ({@code j.u.c.DelayQueue} holds about 45 and keeps nothing durable); p99 lateness under 2 ticks. A target whose
 * run was not made (or failed), or was made smaller than the target says (--quick), is "not
 * measured", never met. The enqueue targets are judged on one task per call; the batched figure ({@code delayAll}) is shown on a line of its own
 * beside it, for comparison, and judges nothing.
 */
final class Targets {
    static final double ENQUEUES_PER_SECOND = 100_000;
    static final int BLOCKING_PRODUCERS = 256;
    static final double ASYNC_ENQUEUES_PER_SECOND = 200_000;
    static final int ASYNC_PRODUCERS = 8;
    static final int RECOVERY_PENDING = 1_000_000;
    static final double RECOVERY_MILLIS = 1000;
    static final double HEAP_BYTES_PER_TASK = 64;
    static final int LATENESS_TICKS = 2;

    enum Status {
        MET("met"), MISSED("missed"), NOT_MEASURED("not measured"), NOT_JUDGED("for comparison, not judged");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    /** One target against one figure: what was wanted, what was measured (and where), and the verdict. */
    record Target(String goal, String figure, Status status) {
    }

    private Targets() {
    }

    static List<Target> evaluate(List<DelayRow> rows, long tickMillis) {
        List<Target> out = new ArrayList<>();
        out.add(enqueue(rows));
        out.add(asyncEnqueue(rows));
        out.add(batchedEnqueue(rows));
        out.add(recovery(rows));
        out.add(heap(rows));
        out.addAll(lateness(rows, tickMillis));
        return out;
    }

    /** Judged on batch from 256 producers, each blocking in one delay call per task. */
    private static Target enqueue(List<DelayRow> rows) {
        String goal = "batch, delay from " + BLOCKING_PRODUCERS + " producers: ≥ 100 000 durable enqueues/s";
        return ours(rows, Measure.ENQUEUE, "batch")
                .filter(r -> r.tasksPerCall() == 1 && r.inFlight() == 0 && r.producers() == BLOCKING_PRODUCERS)
                .findFirst()
                .map(r -> new Target(goal, Fmt.count(r.opsPerSecond()) + " enqueues/s with " + r.producers()
                        + " producers, one task per delay call", status(r.opsPerSecond() >= ENQUEUES_PER_SECOND)))
                .orElse(new Target(goal, "–", Status.NOT_MEASURED));
    }

    /** Judged on batch from 8 producers, each keeping delayAsync futures in flight; counted once durable. */
    private static Target asyncEnqueue(List<DelayRow> rows) {
        String goal = "batch, delayAsync from " + ASYNC_PRODUCERS + " producers: ≥ 200 000 durable enqueues/s";
        return ours(rows, Measure.ENQUEUE, "batch").filter(r -> r.inFlight() > 0 && r.producers() == ASYNC_PRODUCERS)
                .findFirst()
                .map(r -> new Target(goal, Fmt.count(r.opsPerSecond()) + " enqueues/s with " + r.producers() + " producers, up to "
                        + Fmt.grouped(r.inFlight()) + " futures in flight each", status(r.opsPerSecond() >= ASYNC_ENQUEUES_PER_SECOND)))
                .orElse(new Target(goal, "–", Status.NOT_MEASURED));
    }

    /** The same queue and policy when each call carries many tasks: shown beside the target, not judged. */
    private static Target batchedEnqueue(List<DelayRow> rows) {
        String goal = "batch, " + DelayQueueSection.TASKS_PER_CALL + " tasks per delayAll call";
        return ours(rows, Measure.ENQUEUE, "batch").filter(r -> r.tasksPerCall() == DelayQueueSection.TASKS_PER_CALL)
                .max(Comparator.comparingInt(DelayRow::producers))
                .map(r -> new Target(goal, Fmt.count(r.opsPerSecond()) + " enqueues/s with " + r.producers() + " producers",
                        Status.NOT_JUDGED))
                .orElse(new Target(goal, "–", Status.NOT_MEASURED));
    }

    private static Target recovery(List<DelayRow> rows) {
        String goal = "recovery of " + Fmt.grouped(RECOVERY_PENDING) + " pending < " + Fmt.millis(RECOVERY_MILLIS * 1000);
        Optional<DelayRow> biggest = ours(rows, Measure.RECOVERY, null).max(Comparator.comparingInt(DelayRow::pending));
        if (biggest.isEmpty()) {
            return new Target(goal, "–", Status.NOT_MEASURED);
        }
        DelayRow r = biggest.get();
        String figure = Fmt.millis(r.recoveryMillis() * 1000) + " for " + Fmt.grouped(r.pending()) + " pending";
        if (r.pending() < RECOVERY_PENDING) {
            return new Target(goal, figure + " (a smaller run, e.g. --quick)", Status.NOT_MEASURED);
        }
        return new Target(goal, figure, status(r.recoveryMillis() < RECOVERY_MILLIS));
    }

    private static Target heap(List<DelayRow> rows) {
        String goal = "≤ " + Fmt.decimal(HEAP_BYTES_PER_TASK, 0) + " B heap per pending task beyond its payload";
        Optional<DelayRow> biggest = ours(rows, Measure.RECOVERY, null).max(Comparator.comparingInt(DelayRow::pending));
        if (biggest.isEmpty()) {
            return new Target(goal, "–", Status.NOT_MEASURED);
        }
        DelayRow r = biggest.get();
        String figure = Fmt.decimal(r.heapBytesPerTask(), 0) + " B at " + Fmt.grouped(r.pending()) + " pending";
        if (r.pending() < RECOVERY_PENDING) {
            // The queue's fixed heap (log buffers and the like) divided over few tasks says little per task.
            return new Target(goal, figure + " (a smaller run: fixed costs weigh in)", Status.NOT_MEASURED);
        }
        return new Target(goal, figure, status(r.heapBytesPerTask() <= HEAP_BYTES_PER_TASK));
    }

    /** One line per lateness run of ours (each policy, each pending count). */
    private static List<Target> lateness(List<DelayRow> rows, long tickMillis) {
        String goal = "p99 lateness < " + LATENESS_TICKS + " ticks (" + LATENESS_TICKS * tickMillis + " ms)";
        List<Target> out = new ArrayList<>();
        ours(rows, Measure.LATENESS, null).forEach(r -> out.add(new Target(goal, Fmt.millis(r.p99Micros()) + " — " + r.server()
                + ", " + Fmt.grouped(r.pending()) + " pending", status(r.p99Micros() < LATENESS_TICKS * tickMillis * 1000.0))));
        if (out.isEmpty()) {
            out.add(new Target(goal, "–", Status.NOT_MEASURED));
        }
        return out;
    }

    /** Our measured rows of one measure, of one server if {@code server} is not null. */
    private static Stream<DelayRow> ours(List<DelayRow> rows, Measure m, String server) {
        return rows.stream().filter(r -> r.ours() && r.measured() && r.measure().equals(m.id())
                && (server == null || r.server().equals(server)));
    }

    private static Status status(boolean met) {
        return met ? Status.MET : Status.MISSED;
    }
}
