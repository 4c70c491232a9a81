package io.muxlab.harness.delay;

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
        StringBuilder h = new StringBuilder();
        h.append("<p>Every row is one child JVM running <code>").append(WorkloadMain.class.getName())
                .append("</code> from harness.jar. Our queue runs with its defaults — a ").append(tick).append(" ms tick, 4 workers, ")
                .append("<code>batch</code> unless the row names another fsync policy — on a directory under the report's folder ")
                .append("(the same disk as the report), deleted afterwards. Every task carries a 16-byte payload. The JDK's ")
                .append("<code>java.util.concurrent.DelayQueue</code> and <code>ScheduledThreadPoolExecutor</code> keep nothing on ")
                .append("disk: they show what a delay queue costs without durability, not a rival for the same job. How our queue ")
                .append("works: ").append(Html.link(doc, "the delay queue")).append(".</p>\n");
        h.append(targets());
        h.append(Html.figure(enqueueChart(), "Producer threads call <code>delay</code> (ours) or <code>add</code>/<code>schedule</code> "
                + "(the JDK's) as fast as they can, every task an hour ahead; log scale. <code>always</code> pays one fsync per "
                + "call, so its producers queue up behind the disk; <code>batch</code> lets one fsync cover every producer "
                + "waiting in its window (group commit), so it grows with the number of producers while each call still returns "
                + "only once its own record is on disk; <code>never</code> stops at the page cache. The in-memory queues are the "
                + "ceiling. With one task per call, a durable enqueue costs a parked caller that the log's syncer must wake "
                + "after the fsync, one thread at a time, so once the fsync is shared the "
                + "waking bounds the rate. A <code>delayAll</code> of " + DelayQueueSection.TASKS_PER_CALL + " tasks "
                + "(“tasks/call”, ours only: the JDK's queues have no batch API) is one request and one wake-up for all of them, "
                + "so a few producers get more done than hundreds calling one task at a time — and even <code>always</code> "
                + "shares its fsync among the call's tasks. <code>delayAsync</code> (“async”, ours only) asks for no wake-up at "
                + "all: each producer keeps up to " + Fmt.grouped(DelayQueueSection.IN_FLIGHT) + " futures in flight and counts a "
                + "task once its future has completed, that is once it is durable, so a few threads fill whole groups one task "
                + "per call. See “Group commit” in " + Html.link(doc, "the delay queue") + "."));
        h.append(Html.figure(latenessChart(), "Probe tasks fall due evenly over " + spread() + " among N tasks waiting an hour; "
                + "lateness is from each probe's due time to its handler starting. Our wheel fires a task on the first " + tick
                + " ms tick at or after its due time, so up to one tick is by design (a median near half a tick); the JDK's "
                + "queues wake at the due nanosecond. With <code>batch</code> each worker also waits for the fsync of the "
                + "<code>done</code> record before it takes the next due task, so when the disk is slow the workers, not the "
                + "wheel, set the lateness — <code>never</code> shows the wheel alone. See “Why a hierarchical wheel” in "
                + Html.link(doc, "the delay queue") + "."));
        h.append(Html.figure(recoveryChart(), "Opening a queue replays its whole log into the task table and the wheel before "
                + "it accepts work, so recovery grows with the pending tasks; the log was just written, so it is read from the "
                + "page cache, and the JVM is as cold as after a real restart. See “The log” in " + Html.link(doc, "the delay queue")
                + "."));
        h.append(Html.figure(heapChart(), "Heap in use after a full GC with the tasks loaded, minus before, per pending task, "
                + "minus its 16-byte payload. Ours keeps a pending task in parallel primitive arrays (no object per task but the "
                + "payload's array, whose 16-byte header counts against us here); the JDK's queues hold an object per task in "
                + "a binary heap. See " + Html.link(doc, "the delay queue") + "."));
        h.append(table());
        return h.toString();
    }

    private String spread() {
        return String.format(Locale.ROOT, "%.1f s", DelayQueueSection.Plan.of(settings.quick()).spreadMillis() / 1000.0);
    }

    private String targets() {
        List<List<String>> cells = new ArrayList<>();
        for (Targets.Target t : Targets.evaluate(rows, tick)) {
            cells.add(List.of(t.goal(), t.figure(), t.status().text()));
        }
        String quick = settings.quick() ? "<p class=\"note\">--quick: 10 000 pending tasks instead of 1 000 000 and short "
                + "windows, so the recovery and heap targets are not measured and every figure is rough.</p>\n" : "";
        return "<p>Targets, measured on this machine in this run; the lateness target counts in ticks of "
                + tick + " ms:</p>\n" + quick + Html.table(List.of("target", "measured", "verdict"), cells);
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
                new Charts.Series("target: 1 000 000 in < 3 s", new double[] {Targets.RECOVERY_PENDING},
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

    private String table() {
        List<String> header = List.of("measure", "server", "kind", "producers", "tasks/call", "in flight", "pending", "tasks", "window",
                "enqueues/s", "per fsync", "probes", "late p50", "late p99", "late max", "recovery", "heap B/task", "error");
        List<List<String>> cells = new ArrayList<>();
        for (DelayRow r : rows) {
            cells.add(List.of(r.measure(), r.server(), r.kind(), r.producers() == 0 ? "" : Integer.toString(r.producers()),
                    r.tasksPerCall() == 0 ? "" : Integer.toString(r.tasksPerCall()),
                    r.inFlight() == 0 ? "" : Integer.toString(r.inFlight()),
                    r.pending() == 0 ? "" : Fmt.grouped(r.pending()), Fmt.count(r.tasks()),
                    Double.isNaN(r.seconds()) ? "–" : String.format(Locale.ROOT, "%.2f s", r.seconds()),
                    Fmt.count(r.opsPerSecond()), Double.isNaN(r.tasksPerFsync()) ? "–" : Fmt.decimal(r.tasksPerFsync(), 1),
                    Fmt.count(r.probes()), Fmt.millis(r.p50Micros()), Fmt.millis(r.p99Micros()), Fmt.millis(r.maxMicros()),
                    Fmt.millis(r.recoveryMillis() * 1000), Fmt.decimal(r.heapBytesPerTask(), 0),
                    r.error() == null ? "" : "ERROR: " + r.error()));
        }
        return Html.table(header, cells);
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
