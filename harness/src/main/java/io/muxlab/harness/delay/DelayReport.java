package io.muxlab.harness.delay;

import io.muxlab.delay.QueueOptions;
import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.Html;
import io.muxlab.harness.format.Unit;
import io.muxlab.harness.section.Settings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The delay-queue section's part of the report: the targets and whether each was met, the three
 * charts (enqueues per second, lateness, recovery and heap) with what they show, and every row.
 */
final class DelayReport {
    private final List<DelayRow> rows;
    private final Charts charts;
    private final Settings settings;
    private final long tick;

    DelayReport(List<DelayRow> rows, Charts charts, Settings settings, long tickMillis) {
        this.rows = List.copyOf(rows);
        this.charts = charts;
        this.settings = settings;
        this.tick = tickMillis;
    }

    String html() throws IOException {
        String doc = settings.doc("delay-queue.md");
        int repeats = DelayQueueSection.Plan.of(settings.quick()).repeats();
        StringBuilder h = new StringBuilder();
        h.append("<p>Every row is one child JVM running <code>").append(WorkloadMain.class.getName())
                .append("</code> from harness.jar. Our queue runs with its defaults — a ").append(tick).append(" ms tick, ")
                .append(QueueOptions.defaults().workers()).append(" workers, ")
                .append("<code>batch</code> unless the row names another fsync policy — on a directory under the report's folder ")
                .append("(the same disk as the report), deleted afterwards. Every task carries a ").append(Measurements.PAYLOAD_BYTES)
                .append("-byte payload. The JDK's ")
                .append("<code>java.util.concurrent.DelayQueue</code> and <code>ScheduledThreadPoolExecutor</code> keep nothing on ")
                .append("disk: they show what a delay queue costs without durability, not a rival for the same job. ")
                .append(Html.escape(repeats(repeats))).append(" How our queue works: ")
                .append(Html.link(doc, "the delay queue")).append(".</p>\n");
        h.append(targets());
        h.append(Html.figure(enqueueChart(), "Producer threads call <code>delay</code> (ours) or <code>add</code>/<code>schedule</code> "
                + "(the JDK's) as fast as they can, every task an hour ahead; log scale. <code>always</code> pays one fsync per "
                + "call, so its producers queue up behind the disk; <code>batch</code> lets one fsync cover every producer "
                + "waiting in its window (group commit), so more producers can share each fsync, while each call still returns "
                + "only once its own record is on disk; <code>never</code> stops at the page cache. "
                + Html.escape(DelayCaptions.batchGrowth(rows)) + Html.escape(DelayCaptions.ceiling(rows))
                + "With one task per call, a durable enqueue costs a parked caller that the log's syncer must wake "
                + "after the fsync, one thread at a time. A <code>delayAll</code> of " + DelayQueueSection.TASKS_PER_CALL + " tasks "
                + "(“tasks/call”, ours only: the JDK's queues have no batch API) is one request and one wake-up for all of them. "
                + Html.escape(DelayCaptions.batchedVersusSingle(rows))
                + "<code>delayAsync</code> (“async”, ours only) asks for no wake-up at "
                + "all: each producer keeps up to " + Fmt.grouped(DelayQueueSection.IN_FLIGHT) + " futures in flight and counts a "
                + "task once its future has completed, that is once it is durable. "
                + Html.escape(DelayCaptions.asyncVersusBlocking(rows)) + "See “Group commit” in " + Html.link(doc, "the delay queue") + "."));
        h.append(Html.figure(latenessChart(), "Probe tasks fall due evenly over " + spread() + " among N tasks waiting an hour; "
                + "lateness is from the due time the queue stored for each probe to its handler starting. Our wheel fires a task "
                + "on the first " + tick + " ms tick boundary at or after its due time, so a task due at a random moment is late by "
                + "a uniform fraction of a tick (a median near half a tick) plus the wait for the ticker and a worker; probes due "
                + "in the same tick reach the " + QueueOptions.defaults().workers() + " workers together, and with <code>batch</code> "
                + "each worker also waits for the fsync of its <code>done</code> record before it takes the next one. "
                + "<code>never</code> skips that fsync. The JDK's queues wake at the due nanosecond. "
                + Html.escape(DelayCaptions.latenessInTicks(rows, tick)) + "See “Why a hierarchical wheel” in "
                + Html.link(doc, "the delay queue") + "."));
        h.append(Html.figure(recoveryChart(), "Opening a queue replays its whole log into the task table and the wheel before "
                + "it accepts work, so its cost follows the pending tasks; the log was just written, so it is read from the "
                + "page cache. " + Html.escape(DelayCaptions.recoveryGrowth(rows)) + "See “The log” in "
                + Html.link(doc, "the delay queue") + "."));
        h.append(Html.figure(heapChart(), "Heap in use after a full GC with the tasks loaded, minus before, per pending task, "
                + "minus its " + Measurements.PAYLOAD_BYTES + "-byte payload. Ours keeps a pending task in parallel primitive "
                + "arrays (no object per task but the payload's array, whose header counts against us here); the JDK's queues "
                + "hold an object per task in a binary heap. " + Html.escape(DelayCaptions.heap(rows)) + "See "
                + Html.link(doc, "the delay queue") + "."));
        h.append(table());
        return h.toString();
    }

    /** What a figure is: one measurement, or the median of several in one child, and where the range is. */
    private static String repeats(int n) {
        if (n == 1) {
            return "Each point is measured once (--quick): no range, and one disturbance of the machine can move a figure.";
        }
        return "Each point is measured " + n + " times in its child, one after another after one warm-up (enqueue: the "
                + "--duration window split between them; lateness: rounds of probes; recovery: reopening the same log): "
                + "charts and sentences use the median of the " + n + ", the tables give the range beside it, and a target "
                + "met by only some of them says so.";
    }

    /** E.g. "0.7 s (700 probes a round)". */
    private String spread() {
        DelayQueueSection.Plan p = DelayQueueSection.Plan.of(settings.quick());
        return String.format(Locale.ROOT, "%.1f s (%s probes a round)", p.spreadMillis() / 1000.0, Fmt.grouped(p.probes()));
    }

    private String targets() {
        List<List<String>> cells = new ArrayList<>();
        for (Targets.Target t : Targets.evaluate(rows, tick)) {
            cells.add(List.of(t.goal(), t.figure(), t.verdict()));
        }
        String quick = settings.quick() ? "<p class=\"note\">--quick: at most " + Fmt.grouped(most(DelayQueueSection.Plan.of(true)))
                + " pending tasks instead of " + Fmt.grouped(most(DelayQueueSection.Plan.of(false))) + ", short windows and one "
                + "measurement per point, so the recovery and heap targets are not measured and every figure is rough.</p>\n" : "";
        return "<p>Targets, measured on this machine in this run; the lateness target counts in ticks of "
                + tick + " ms:</p>\n" + quick + Html.table(List.of("target", "measured", "verdict"), cells);
    }

    /** The most pending tasks a plan loads. */
    private static int most(DelayQueueSection.Plan p) {
        return Math.max(p.footprintPending(), Math.max(p.recoveryPending().stream().mapToInt(Integer::intValue).max().orElse(0),
                p.latenessPending().stream().mapToInt(Integer::intValue).max().orElse(0)));
    }

    private String enqueueChart() throws IOException {
        List<String> servers = new ArrayList<>();
        for (DelayServer s : DelayQueueSection.ENQUEUE_SERVERS) {
            servers.add(s.label());
        }
        // One series per shape of load: blocking calls of one task first, then batched, then asynchronous; each by producers.
        Map<Load, double[]> byLoad = new TreeMap<>(Comparator.comparingInt(Load::inFlight).thenComparingInt(Load::tasksPerCall)
                .thenComparingInt(Load::producers));
        for (DelayRow r : of(Measure.ENQUEUE)) {
            double[] values = byLoad.computeIfAbsent(new Load(r.tasksPerCall(), r.inFlight(), r.producers()),
                    k -> nans(servers.size()));
            values[servers.indexOf(r.server())] = r.opsPerSecond();
        }
        List<Charts.Series> series = new ArrayList<>();
        byLoad.forEach((k, values) -> series.add(new Charts.Series(k.name(), new double[values.length], values)));
        return charts.groupedBars("delay-enqueue", "Enqueues per second (every task an hour ahead)", "enqueues / s", Unit.COUNT,
                servers, series);
    }

    private String latenessChart() throws IOException {
        List<Charts.Series> series = new ArrayList<>();
        TreeSet<Integer> pendings = new TreeSet<>();
        for (DelayServer s : DelayQueueSection.LATENESS_SERVERS) {
            List<DelayRow> mine = of(Measure.LATENESS).stream().filter(r -> r.server().equals(s.label())).toList();
            mine.forEach(r -> pendings.add(r.pending()));
            double[] x = mine.stream().mapToDouble(DelayRow::pending).toArray();
            series.add(new Charts.Series(s.label() + " p50", x, mine.stream().mapToDouble(r -> r.p50Micros() / 1000).toArray()));
            series.add(new Charts.Series(s.label() + " p99", x, mine.stream().mapToDouble(r -> r.p99Micros() / 1000).toArray()));
        }
        double[] x = pendings.stream().mapToDouble(Integer::doubleValue).toArray();
        double[] target = new double[x.length];
        Arrays.fill(target, Targets.LATENESS_TICKS * tick);
        series.add(new Charts.Series("target: p99 < " + Targets.LATENESS_TICKS + " ticks", x, target));
        return charts.line("delay-lateness", "Firing lateness by pending tasks (tick " + tick + " ms)", "pending tasks",
                "lateness", Unit.MILLIS, series);
    }

    private String recoveryChart() throws IOException {
        List<DelayRow> mine = of(Measure.RECOVERY).stream().filter(DelayRow::ours).toList();
        List<Charts.Series> series = List.of(
                new Charts.Series("recovery (" + (mine.isEmpty() ? "ours" : mine.get(0).server()) + ")",
                        mine.stream().mapToDouble(DelayRow::pending).toArray(),
                        mine.stream().mapToDouble(DelayRow::recoveryMillis).toArray()),
                new Charts.Series("target: " + Fmt.grouped(Targets.RECOVERY_PENDING) + " in < " + Fmt.millis(Targets.RECOVERY_MILLIS * 1000),
                        new double[] {Targets.RECOVERY_PENDING},
                        new double[] {Targets.RECOVERY_MILLIS}));
        return charts.line("delay-recovery", "Recovery time: reopening a queue of N pending tasks", "pending tasks",
                "recovery time", Unit.MILLIS, series);
    }

    private String heapChart() throws IOException {
        List<Charts.Bar> bars = new ArrayList<>();
        for (DelayServer s : DelayServer.values()) {
            of(Measure.RECOVERY).stream().filter(r -> r.server().equals(s.label()))
                    .max((a, b) -> Integer.compare(a.pending(), b.pending()))
                    .ifPresent(r -> bars.add(new Charts.Bar((s.ours() ? "delay-queue" : s.label()) + " @ "
                            + Fmt.grouped(r.pending()), r.heapBytesPerTask())));
        }
        return charts.bars("delay-heap", "Heap per pending task beyond its payload (target < "
                + (int) Targets.HEAP_BYTES_PER_TASK + " B for ours)", "bytes per task", Unit.COUNT, bars);
    }

    /** One table per measure, each figure as median (range). */
    private String table() {
        List<List<String>> enqueue = new ArrayList<>();
        List<List<String>> lateness = new ArrayList<>();
        List<List<String>> recovery = new ArrayList<>();
        for (DelayRow r : rows) {
            String error = r.error() == null ? "" : "ERROR: " + r.error();
            switch (Measure.byId(r.measure())) {
                case ENQUEUE -> enqueue.add(List.of(r.server(), r.kind(), Integer.toString(r.producers()),
                        Integer.toString(r.tasksPerCall()), r.inFlight() == 0 ? "" : Fmt.grouped(r.inFlight()),
                        r.spread("opsPerSecond").format(Fmt::count),
                        Double.isNaN(r.tasksPerFsync()) ? "–" : Fmt.decimal(r.tasksPerFsync(), 1),
                        r.spread("seconds").format(v -> String.format(Locale.ROOT, "%.2f s", v)), error));
                case LATENESS -> lateness.add(List.of(r.server(), r.kind(), Fmt.grouped(r.pending()), Fmt.count(r.probes()),
                        r.spread("p50Micros").format(Fmt::millis), r.spread("p99Micros").format(Fmt::millis),
                        r.spread("maxMicros").format(Fmt::millis), error));
                case RECOVERY -> recovery.add(List.of(r.server(), r.kind(), Fmt.grouped(r.pending()),
                        r.spread("recoveryMillis").format(ms -> Fmt.millis(ms * 1000)),
                        r.spread("heapBytesPerTask").format(b -> Fmt.decimal(b, 0)), error));
            }
        }
        StringBuilder h = new StringBuilder();
        if (!enqueue.isEmpty()) {
            h.append(Html.table(List.of("enqueue: server", "kind", "producers", "tasks/call", "in flight", "enqueues/s",
                    "per fsync", "window", "error"), enqueue));
        }
        if (!lateness.isEmpty()) {
            h.append(Html.table(List.of("lateness: server", "kind", "pending", "probes", "p50", "p99", "max", "error"), lateness));
        }
        if (!recovery.isEmpty()) {
            h.append(Html.table(List.of("recovery: server", "kind", "pending", "recovery", "heap B/task", "error"), recovery));
        }
        return h.toString();
    }

    /** An enqueue chart series: how many producers, each calling with how many tasks, or asynchronously with how many in flight. */
    private record Load(int tasksPerCall, int inFlight, int producers) {
        String name() {
            return producers + " producers" + (tasksPerCall > 1 ? " × " + tasksPerCall + " tasks/call" : "")
                    + (inFlight > 0 ? " async, ≤ " + Fmt.grouped(inFlight) + " in flight each" : "");
        }
    }

    private List<DelayRow> of(Measure m) {
        return rows.stream().filter(r -> r.measured() && r.measure().equals(m.id())).toList();
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
