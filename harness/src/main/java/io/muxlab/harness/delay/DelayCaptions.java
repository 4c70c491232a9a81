package io.muxlab.harness.delay;

import io.muxlab.harness.format.Fmt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The measured sentences of the delay-queue captions, computed from the rows (medians of the
 * repeats), so each states what this run shows or that it does not show what the mechanism beside
 * it would lead one to expect. The mechanism (fsync per call, group commit, the tick) stays in the
 * captions; nothing here is typed from an earlier run.
 */
final class DelayCaptions {
    /** A figure that moved by less than this factor "stayed about the same". */
    static final double SAME_WITHIN = 1.2;
    /**
     * A round-up wheel makes a task due at a random moment late by a uniform fraction of a tick: a
     * p50 in this band (in ticks) is "near half a tick".
     */
    static final double HALF_TICK_LOW = 0.3;
    static final double HALF_TICK_HIGH = 0.7;

    private DelayCaptions() {
    }

    /** Whether batch's blocking rate grew from the fewest to the most producers (group commit). */
    static String batchGrowth(List<DelayRow> rows) {
        List<DelayRow> batch = single(rows).stream().filter(r -> r.server().equals(DelayServer.BATCH.label()))
                .sorted(Comparator.comparingInt(DelayRow::producers)).toList();
        if (batch.size() < 2) {
            return "";
        }
        DelayRow few = batch.get(0);
        DelayRow many = batch.get(batch.size() - 1);
        double ratio = many.opsPerSecond() / few.opsPerSecond();
        String figures = Fmt.count(few.opsPerSecond()) + "/s with " + few.producers() + " producers, " + Fmt.count(many.opsPerSecond())
                + "/s with " + many.producers();
        if (ratio > SAME_WITHIN) {
            return String.format(Locale.ROOT, "Here batch grew %.1f× with the producers (%s). ", ratio, figures);
        }
        return "This run does not show batch growing with the producers (" + figures + "). ";
    }

    /** Whether the slowest in-memory reference outran our fastest durable enqueue, one task per call. */
    static String ceiling(List<DelayRow> rows) {
        Optional<DelayRow> oursBest = single(rows).stream().filter(DelayRow::ours).max(Comparator.comparingDouble(DelayRow::opsPerSecond));
        Optional<DelayRow> refWorst = single(rows).stream().filter(r -> !r.ours())
                .min(Comparator.comparingDouble(DelayRow::opsPerSecond));
        if (oursBest.isEmpty() || refWorst.isEmpty()) {
            return "";
        }
        String figures = "the slowest in-memory row " + describe(refWorst.get()) + ", our fastest " + describe(oursBest.get());
        return refWorst.get().opsPerSecond() > oursBest.get().opsPerSecond()
                ? "The in-memory queues are the ceiling here: " + figures + ". "
                : "This run does not show the in-memory queues above every one of ours: " + figures + ". ";
    }

    /** The batched call from a few producers against the most producers blocking one task at a time, both batch. */
    static String batchedVersusSingle(List<DelayRow> rows) {
        Optional<DelayRow> batched = ofBatch(rows).filter(r -> r.tasksPerCall() > 1).findFirst();
        Optional<DelayRow> single = single(rows).stream().filter(r -> r.server().equals(DelayServer.BATCH.label()))
                .max(Comparator.comparingInt(DelayRow::producers));
        if (batched.isEmpty() || single.isEmpty()) {
            return "";
        }
        return compare("batch with " + batched.get().producers() + " producers × " + batched.get().tasksPerCall() + " tasks/call",
                batched.get(), single.get().producers() + " producers one task at a time", single.get());
    }

    /** The asynchronous row against the most producers blocking one task at a time, both batch. */
    static String asyncVersusBlocking(List<DelayRow> rows) {
        Optional<DelayRow> async = ofBatch(rows).filter(r -> r.inFlight() > 0).findFirst();
        Optional<DelayRow> single = single(rows).stream().filter(r -> r.server().equals(DelayServer.BATCH.label()))
                .max(Comparator.comparingInt(DelayRow::producers));
        if (async.isEmpty() || single.isEmpty()) {
            return "";
        }
        return compare(async.get().producers() + " async producers", async.get(), single.get().producers() + " blocking ones",
                single.get());
    }

    /**
     * Our lateness in ticks, held against the uniform fraction of a tick the wheel alone predicts,
     * and what the fsync of each done record adds ({@code batch} against {@code never}).
     */
    static String latenessInTicks(List<DelayRow> rows, long tickMillis) {
        double tick = tickMillis * 1000.0;
        List<String> parts = new ArrayList<>();
        List<String> later = new ArrayList<>();
        List<String> earlier = new ArrayList<>();
        for (DelayRow r : lateness(rows)) {
            if (!r.ours()) {
                continue;
            }
            double p50 = r.p50Micros() / tick;
            String name = r.server() + " at " + Fmt.grouped(r.pending());
            parts.add(String.format(Locale.ROOT, "%s pending p50 %.2f, p99 %.2f ticks", name, p50, r.p99Micros() / tick));
            if (p50 > HALF_TICK_HIGH) {
                later.add(name);
            } else if (p50 < HALF_TICK_LOW) {
                earlier.add(name);
            }
        }
        if (parts.isEmpty()) {
            return "";
        }
        List<String> verdicts = new ArrayList<>();
        if (later.isEmpty() && earlier.isEmpty()) {
            verdicts.add("every median near half a tick, as the wheel's rounding alone predicts");
        }
        if (!later.isEmpty()) {
            verdicts.add("medians later than half a tick for " + String.join(", ", later)
                    + ": beyond the wheel's rounding, the wait for the ticker and a free worker");
        }
        if (!earlier.isEmpty()) {
            verdicts.add("medians earlier than half a tick for " + String.join(", ", earlier));
        }
        return "Measured: " + String.join("; ", parts) + " — " + String.join("; ", verdicts) + ". " + fsyncShare(rows);
    }

    /** How much later batch's median ran than never's at each pending count (the fsync of each done record). */
    static String fsyncShare(List<DelayRow> rows) {
        List<String> parts = new ArrayList<>();
        for (DelayRow b : lateness(rows)) {
            if (!b.server().equals(DelayServer.BATCH.label())) {
                continue;
            }
            lateness(rows).stream().filter(n -> n.server().equals(DelayServer.NEVER.label()) && n.pending() == b.pending())
                    .findFirst().ifPresent(n -> parts.add(Fmt.grouped(b.pending()) + " pending: "
                            + (b.p50Micros() > n.p50Micros() ? Fmt.millis(b.p50Micros() - n.p50Micros()) + " later"
                                    : "not later (" + Fmt.millis(n.p50Micros() - b.p50Micros()) + " earlier)")));
        }
        return parts.isEmpty() ? "" : "batch's median against never's, which skips the fsync: " + String.join("; ", parts) + ". ";
    }

    /** Whether recovery time grew from the fewest to the most pending tasks reopened. */
    static String recoveryGrowth(List<DelayRow> rows) {
        List<DelayRow> ours = rows.stream().filter(r -> r.measured() && r.ours() && r.measure().equals(Measure.RECOVERY.id())
                && Double.isFinite(r.recoveryMillis())).sorted(Comparator.comparingInt(DelayRow::pending)).toList();
        if (ours.size() < 2) {
            return "";
        }
        DelayRow few = ours.get(0);
        DelayRow many = ours.get(ours.size() - 1);
        String figures = Fmt.millis(few.recoveryMillis() * 1000) + " for " + Fmt.grouped(few.pending()) + ", "
                + Fmt.millis(many.recoveryMillis() * 1000) + " for " + Fmt.grouped(many.pending());
        return many.recoveryMillis() > few.recoveryMillis() * SAME_WITHIN
                ? "Here " + figures + ". "
                : "This run does not show recovery growing with the pending tasks: " + figures + ". ";
    }

    /** Heap per task of each server's largest recovery row, e.g. "batch 96 B, j.u.c.DelayQueue 45 B". */
    static String heap(List<DelayRow> rows) {
        List<String> parts = new ArrayList<>();
        for (DelayServer s : DelayServer.values()) {
            rows.stream().filter(r -> r.measured() && r.measure().equals(Measure.RECOVERY.id()) && r.server().equals(s.label())
                    && Double.isFinite(r.heapBytesPerTask())).max(Comparator.comparingInt(DelayRow::pending))
                    .ifPresent(r -> parts.add(r.server() + " " + Fmt.decimal(r.heapBytesPerTask(), 0) + " B"));
        }
        return parts.isEmpty() ? "" : "Measured per task: " + String.join(", ", parts) + ". ";
    }

    private static String compare(String aName, DelayRow a, String bName, DelayRow b) {
        double ratio = a.opsPerSecond() / b.opsPerSecond();
        String figures = aName + " " + Fmt.count(a.opsPerSecond()) + "/s" + perFsync(a) + ", " + bName + " "
                + Fmt.count(b.opsPerSecond()) + "/s" + perFsync(b);
        if (ratio > SAME_WITHIN) {
            return String.format(Locale.ROOT, "Here %s: %.1f× as many. ", figures, ratio);
        }
        return "This run does not show " + aName + " ahead: " + figures + ". ";
    }

    private static String perFsync(DelayRow r) {
        return Double.isNaN(r.tasksPerFsync()) ? "" : String.format(Locale.ROOT, " (%.0f per fsync)", r.tasksPerFsync());
    }

    private static String describe(DelayRow r) {
        return r.server() + " " + Fmt.count(r.opsPerSecond()) + "/s (" + r.producers() + " producers)";
    }

    /** Measured enqueue rows of one task per blocking call. */
    private static List<DelayRow> single(List<DelayRow> rows) {
        return rows.stream().filter(r -> r.measured() && r.measure().equals(Measure.ENQUEUE.id()) && r.tasksPerCall() == 1
                && r.inFlight() == 0 && Double.isFinite(r.opsPerSecond())).toList();
    }

    private static Stream<DelayRow> ofBatch(List<DelayRow> rows) {
        return rows.stream().filter(r -> r.measured() && r.measure().equals(Measure.ENQUEUE.id())
                && r.server().equals(DelayServer.BATCH.label()) && Double.isFinite(r.opsPerSecond()));
    }

    private static List<DelayRow> lateness(List<DelayRow> rows) {
        return rows.stream().filter(r -> r.measured() && r.measure().equals(Measure.LATENESS.id()) && Double.isFinite(r.p50Micros()))
                .toList();
    }
}
