package io.muxlab.harness.delay;

import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.measure.Spread;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.DoublePredicate;
import java.util.stream.Stream;

/**
 * The delay queue's targets held against the rows of one run, each over the repeats of its row: a
 * target is "met" when every repeat meets it, "met in k of n" when some do, and "missed" when none
 * does. With {@code batch}: a floor of durable enqueues a second from {@link #BLOCKING_PRODUCERS}
 * producers each blocking in {@code delay}, and another from {@link #ASYNC_PRODUCERS} producers each
 * keeping {@code delayAsync} futures in flight; recovery of {@link #RECOVERY_PENDING} pending tasks
 * within a time; a ceiling of heap bytes per pending task beyond its payload; p99 lateness under a
 * number of ticks. A target whose run was not made (or failed), or was made smaller than the target
 * says (--quick), is "not measured", never met. The enqueue targets are judged on one task per
 * call; the batched figure ({@code delayAll}) is shown on a line of its own beside them, for
 * comparison, and judges nothing. Every goal's text is built from these constants.
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
        MET, MET_IN_SOME, MISSED, NOT_MEASURED, NOT_JUDGED
    }

    /**
     * One target against one figure: what was wanted, what was measured (median, range, where), the
     * verdict, and how many of the row's repeats met it.
     */
    record Target(String goal, String figure, Status status, int met, int repeats) {
        static Target notMeasured(String goal, String figure) {
            return new Target(goal, figure, Status.NOT_MEASURED, 0, 0);
        }

        /** As the table prints it: "met", "met in 2 of 3", "missed", "not measured", "for comparison, not judged". */
        String verdict() {
            return switch (status) {
                case MET -> "met";
                case MET_IN_SOME -> "met in " + met + " of " + repeats;
                case MISSED -> "missed";
                case NOT_MEASURED -> "not measured";
                case NOT_JUDGED -> "for comparison, not judged";
            };
        }
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
        String goal = "batch, delay from " + BLOCKING_PRODUCERS + " producers: ≥ " + Fmt.grouped((long) ENQUEUES_PER_SECOND)
                + " durable enqueues/s";
        return ours(rows, Measure.ENQUEUE, "batch")
                .filter(r -> r.tasksPerCall() == 1 && r.inFlight() == 0 && r.producers() == BLOCKING_PRODUCERS)
                .findFirst()
                .map(r -> judge(goal, rate(r) + " with " + r.producers() + " producers, one task per delay call",
                        r.spread("opsPerSecond"), v -> v >= ENQUEUES_PER_SECOND))
                .orElse(Target.notMeasured(goal, "–"));
    }

    /** Judged on batch from 8 producers, each keeping delayAsync futures in flight; counted once durable. */
    private static Target asyncEnqueue(List<DelayRow> rows) {
        String goal = "batch, delayAsync from " + ASYNC_PRODUCERS + " producers: ≥ " + Fmt.grouped((long) ASYNC_ENQUEUES_PER_SECOND)
                + " durable enqueues/s";
        return ours(rows, Measure.ENQUEUE, "batch").filter(r -> r.inFlight() > 0 && r.producers() == ASYNC_PRODUCERS)
                .findFirst()
                .map(r -> judge(goal, rate(r) + " with " + r.producers() + " producers, up to " + Fmt.grouped(r.inFlight())
                        + " futures in flight each", r.spread("opsPerSecond"), v -> v >= ASYNC_ENQUEUES_PER_SECOND))
                .orElse(Target.notMeasured(goal, "–"));
    }

    /** The same queue and policy when each call carries many tasks: shown beside the target, not judged. */
    private static Target batchedEnqueue(List<DelayRow> rows) {
        String goal = "batch, " + DelayQueueSection.TASKS_PER_CALL + " tasks per delayAll call";
        return ours(rows, Measure.ENQUEUE, "batch").filter(r -> r.tasksPerCall() == DelayQueueSection.TASKS_PER_CALL)
                .max(Comparator.comparingInt(DelayRow::producers))
                .map(r -> new Target(goal, rate(r) + " with " + r.producers() + " producers", Status.NOT_JUDGED, 0,
                        r.repeats()))
                .orElse(Target.notMeasured(goal, "–"));
    }

    private static Target recovery(List<DelayRow> rows) {
        String goal = "recovery of " + Fmt.grouped(RECOVERY_PENDING) + " pending < " + Fmt.millis(RECOVERY_MILLIS * 1000);
        Optional<DelayRow> biggest = ours(rows, Measure.RECOVERY, null).max(Comparator.comparingInt(DelayRow::pending));
        if (biggest.isEmpty()) {
            return Target.notMeasured(goal, "–");
        }
        DelayRow r = biggest.get();
        String figure = r.spread("recoveryMillis").format(ms -> Fmt.millis(ms * 1000)) + " for " + Fmt.grouped(r.pending()) + " pending";
        if (r.pending() < RECOVERY_PENDING) {
            return Target.notMeasured(goal, figure + " (a smaller run, e.g. --quick)");
        }
        return judge(goal, figure, r.spread("recoveryMillis"), ms -> ms < RECOVERY_MILLIS);
    }

    private static Target heap(List<DelayRow> rows) {
        String goal = "≤ " + Fmt.decimal(HEAP_BYTES_PER_TASK, 0) + " B heap per pending task beyond its payload";
        Optional<DelayRow> biggest = ours(rows, Measure.RECOVERY, null).max(Comparator.comparingInt(DelayRow::pending));
        if (biggest.isEmpty()) {
            return Target.notMeasured(goal, "–");
        }
        DelayRow r = biggest.get();
        String figure = r.spread("heapBytesPerTask").format(b -> Fmt.decimal(b, 0) + " B") + " at " + Fmt.grouped(r.pending())
                + " pending";
        if (r.pending() < RECOVERY_PENDING) {
            // The queue's fixed heap (log buffers and the like) divided over few tasks says little per task.
            return Target.notMeasured(goal, figure + " (a smaller run: fixed costs weigh in)");
        }
        return judge(goal, figure, r.spread("heapBytesPerTask"), b -> b <= HEAP_BYTES_PER_TASK);
    }

    /** One line per lateness run of ours (each policy, each pending count). */
    private static List<Target> lateness(List<DelayRow> rows, long tickMillis) {
        double limitMicros = LATENESS_TICKS * tickMillis * 1000.0;
        String goal = "p99 lateness < " + LATENESS_TICKS + " ticks (" + Fmt.millis(limitMicros) + ")";
        List<Target> out = new ArrayList<>();
        ours(rows, Measure.LATENESS, null).forEach(r -> out.add(judge(goal, r.spread("p99Micros").format(Fmt::millis) + " — "
                + r.server() + ", " + Fmt.grouped(r.pending()) + " pending", r.spread("p99Micros"), us -> us < limitMicros)));
        if (out.isEmpty()) {
            out.add(Target.notMeasured(goal, "–"));
        }
        return out;
    }

    /** The verdict over a figure's repeats: met by all, by some, or by none. */
    static Target judge(String goal, String figure, Spread repeats, DoublePredicate meets) {
        int met = repeats.countWhere(meets);
        int n = repeats.count();
        if (n == 0) {
            return Target.notMeasured(goal, figure);
        }
        Status status = met == n ? Status.MET : met == 0 ? Status.MISSED : Status.MET_IN_SOME;
        return new Target(goal, figure, status, met, n);
    }

    private static String rate(DelayRow r) {
        return Fmt.count(r.opsPerSecond()) + " enqueues/s" + r.spread("opsPerSecond").range(Fmt::count);
    }

    /** Our measured rows of one measure, of one server if {@code server} is not null. */
    private static Stream<DelayRow> ours(List<DelayRow> rows, Measure m, String server) {
        return rows.stream().filter(r -> r.ours() && r.measured() && r.measure().equals(m.id())
                && (server == null || r.server().equals(server)));
    }
}
