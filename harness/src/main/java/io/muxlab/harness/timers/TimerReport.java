package io.muxlab.harness.timers;

import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.Html;
import io.muxlab.harness.format.Unit;
import io.muxlab.harness.section.Settings;
import io.muxlab.timer.TimerServices;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The timer section's part of the report: lateness against armed timers, idle wake-ups and CPU,
 * schedule+cancel throughput, each chart with a few sentences on why it looks the way it does,
 * then every row in one table.
 */
final class TimerReport {
    private final List<TimerRow> rows;
    private final Charts charts;
    private final Settings settings;

    TimerReport(List<TimerRow> rows, Charts charts, Settings settings) {
        this.rows = List.copyOf(rows);
        this.charts = charts;
        this.settings = settings;
    }

    String html() throws IOException {
        String docs = Html.link(settings.doc("timers.md"), "timers: timerfd, heaps and timing wheels");
        String wheelTick = TimerCaptions.tick(TimerServices.DEFAULT_TICK.toNanos() / 1e3);
        String nettyTick = TimerCaptions.tick(NettyTimers.TICK_MILLIS * 1e3);
        StringBuilder h = new StringBuilder();
        h.append("<p>Five timer facilities, each driven the same way: ours from <code>timerfd-timer</code> — ")
                .append(code(TimerServices.HEAP)).append(" (one timerfd armed to the earliest deadline of a min-heap), ")
                .append(code(TimerServices.WHEEL)).append(" (one timerfd armed for the next non-empty ").append(wheelTick)
                .append(" tick of the hierarchical timing wheel) and ")
                .append(code(TimerServices.FD_PER_TIMER)).append(" (a timerfd per timer, all in one epoll set) — and the peers ")
                .append("a Java user would reach for: ").append(code(Peers.STPE)).append(", the JDK's ScheduledThreadPoolExecutor ")
                .append("with one thread and remove-on-cancel, and ").append(code(Peers.NETTY_HWT)).append(", Netty's ")
                .append("HashedWheelTimer (").append(nettyTick).append(" tick, ").append(NettyTimers.BUCKETS)
                .append(" buckets). Every point is a fresh child JVM running <code>")
                .append(TimerChild.class.getName()).append("</code> from harness.jar, and every facility is driven through core's ")
                .append("<code>TimerService</code> (the peers through small adapters that pass the same contract tests as ours). ")
                .append(Html.escape(repeats())).append(" How the three strategies work: ")
                .append(docs).append(".</p>\n");

        List<TimerRow> lateness = of(TimerChild.LATENESS);
        Map<String, Double> ticks = new LinkedHashMap<>();
        ticks.put(TimerServices.WHEEL, TimerServices.DEFAULT_TICK.toNanos() / 1e3);
        ticks.put(Peers.NETTY_HWT, NettyTimers.TICK_MILLIS * 1e3);
        h.append(Html.figure(charts.line("timer-lateness-p99", "Firing lateness p99 vs armed timers", "armed timers",
                        "p99 lateness", Unit.MILLIS, series(lateness)),
                "Each point arms N one-shot timers with deadlines spread at random over " + seconds(window())
                        + " and records how long after its deadline each task ran (HdrHistogram; p50 and max in the "
                        + "table). " + code(TimerServices.HEAP) + ", " + code(TimerServices.FD_PER_TIMER) + " and "
                        + code(Peers.STPE) + " arm for the earliest deadline itself, so they are late by the time it takes "
                        + "to get the thread running and work through the timers due together. " + code(TimerServices.WHEEL)
                        + " fires on the first tick at or after a deadline, so a deadline at a random moment is late by a "
                        + "uniform fraction of a tick: p50 near half a tick, p99 near one, plus the wake-up. "
                        + code(Peers.NETTY_HWT) + " too expires a timeout at the end of the tick its deadline falls in, "
                        + "but its worker sleeps whole milliseconds, rounded up, so each wake-up can come up to a millisecond "
                        + "after the tick it serves. "
                        + Html.escape(TimerCaptions.inTicks(lateness, ticks))
                        + Html.escape(TimerCaptions.deadlineVersusTick(lateness,
                                List.of(TimerServices.HEAP, TimerServices.FD_PER_TIMER, Peers.STPE),
                                List.of(TimerServices.WHEEL, Peers.NETTY_HWT)))
                        + Html.escape(TimerCaptions.latenessTrend(lateness)) + notRunNote(lateness)
                        + "Why: " + docs + "."));

        IdleFigures idle = new IdleFigures(rows);
        List<TimerRow> notIdle = rows.stream().filter(r -> r.workload().equals(TimerChild.IDLE)
                || r.workload().equals(TimerChild.DUE)).toList();
        h.append(Html.figure(charts.groupedBars("timer-idle-wakeups", "Wake-ups per second of the facility's thread",
                        "wake-ups / s", Unit.COUNT, idle.categories(), idle.series(TimerRow::wakeupsPerSecond)),
                "How often the facility's thread went to sleep and was woken (its voluntary context switches, from "
                        + "<code>/proc/self/task/TID/status</code>): with nothing armed, with "
                        + count(TimerSection.IDLE_TIMERS.get(TimerSection.IDLE_TIMERS.size() - 1)) + " timers an hour away, "
                        + "and with timers falling due at random through the window, sparse and dense, every timer armed "
                        + "before the window opens. A tickless facility wakes only when something is due: "
                        + code(TimerServices.HEAP) + " and " + code(TimerServices.FD_PER_TIMER) + " arm the kernel for the "
                        + "earliest deadline, so they wake per distinct deadline, which can be finer than a tick; "
                        + code(TimerServices.WHEEL) + " for the next tick that holds a timer, so it needs at most one wake-up "
                        + "per due tick (counted at " + wheelTick + " in the table); " + code(Peers.STPE)
                        + " parks until its earliest task. " + code(Peers.NETTY_HWT) + " ticks every " + nettyTick
                        + " while it runs, whatever is due. " + Html.escape(idle.atRest()) + Html.escape(idle.perDueTick())
                        + Html.escape(idle.wakeUps()) + notRunNote(notIdle)));
        h.append(Html.figure(charts.groupedBars("timer-idle-cpu", "CPU of the facility's thread", "CPU ms / s", Unit.COUNT,
                        idle.categories(), idle.series(TimerRow::threadCpuMillisPerSecond)),
                "What those wake-ups cost: CPU time of the facility's thread per second, from the JDK's "
                        + "<code>ThreadMXBean</code> (nanoseconds). The table also gives the whole child process's CPU "
                        + "(<code>ProcessHandle</code>); that figure includes the JVM's own threads (GC, JIT, its periodic task) "
                        + "and comes in 10 ms ticks, so over a short window it is mostly noise."));

        List<TimerRow> heap = of(TimerChild.HEAP);
        int heapTimers = heap.stream().mapToInt(TimerRow::timers).findFirst().orElse(0);
        h.append(Html.figure(charts.bars("timer-heap", "Heap retained per live timer, " + count(heapTimers) + " timers",
                        "bytes / timer", Unit.COUNT, bars(heap, TimerRow::heapBytesPerTimer)),
                "Heap in use after a full GC with the timers armed an hour away, minus before, per timer — measured as "
                        + "the delay-queue section measures its tasks. The caller keeps no handle and every timer shares one "
                        + "callback, so this is what the facility keeps alive per timer: ours, the handle (deadline, period, "
                        + "state) plus its place in the heap, the wheel's slot arrays or the descriptor table; the peers, "
                        + "their task object plus the handle of the adapter that gives them core's contract. fd-per-timer's "
                        + "timerfds live in the kernel, not on this heap. " + Html.escape(IdleFigures.heap(heap))
                        + notRunNote(heap)));

        List<TimerRow> scheduleCancel = of(TimerChild.SCHEDULE_CANCEL);
        for (int live : scheduleCancel.stream().map(TimerRow::timers).distinct().toList()) {
            List<TimerRow> at = scheduleCancel.stream().filter(r -> r.timers() == live).toList();
            h.append(Html.figure(charts.bars("timer-schedule-cancel-" + live, "Schedule+cancel per second, " + count(live)
                            + " live timers", "operations / s", Unit.COUNT, bars(at, TimerRow::opsPerSecond)),
                    "One thread cancels the oldest of " + count(live) + " live timers and schedules a new one 10 to 20 minutes "
                            + "out, again and again for " + seconds(window()) + "; the count runs until the "
                            + "facility has caught up with the work handed to its own thread (the caller's figure alone is in the "
                            + "table). A wheel places and removes in O(1), a heap in O(log n); " + code(Peers.STPE) + " does its heap "
                            + "work under a lock on the caller's thread, " + code(TimerServices.FD_PER_TIMER) + " pays a close, "
                            + "<code>timerfd_create</code>, <code>epoll_ctl</code> and <code>timerfd_settime</code> per operation. "
                            + Html.escape(TimerCaptions.wheelVersusHeap(at))
                            + notRunNote(at) + "This is a short timed loop on a shared machine; the rigorous figure is JMH's: "
                            + "<code>java -cp harness/target/harness.jar org.openjdk.jmh.Main ScheduleCancelBenchmark</code>."));
        }
        h.append(table());
        return h.toString();
    }

    /** Each repeat's window: the whole {@code --duration} split between the repeats. */
    private long window() {
        return settings.measureNanos() / TimerSection.repeats(settings);
    }

    /** What a figure is: one window, or the median of several in one child, and where the range is. */
    private String repeats() {
        int n = TimerSection.repeats(settings);
        if (n == 1) {
            return "Each point is measured once, over one " + seconds(window()) + " window (--quick): no range, and one "
                    + "disturbance of the machine can move a figure.";
        }
        return "Each point is measured " + n + " times in its child, one " + seconds(window()) + " window after another "
                + "after one warm-up (lateness and heap on a fresh facility each time): charts and sentences use the median "
                + "of the " + n + ", the table gives the range beside it. Consecutive windows in one process show a short "
                + "disturbance as spread; one that lasts the whole child moves all " + n + " alike.";
    }

    private List<TimerRow> of(String workload) {
        return rows.stream().filter(r -> r.workload().equals(workload)).toList();
    }

    /** p99 lateness in ms, one series per facility in {@link Peers#ALL} order, over the runs it made. */
    private static List<Charts.Series> series(List<TimerRow> rows) {
        List<Charts.Series> out = new ArrayList<>();
        for (String f : Peers.ALL) {
            List<TimerRow> mine = rows.stream().filter(r -> r.server().equals(f) && r.wasMeasured()).toList();
            out.add(new Charts.Series(f, mine.stream().mapToDouble(TimerRow::timers).toArray(),
                    mine.stream().mapToDouble(r -> r.p99Micros() / 1000).toArray()).as(kind(f), f));
        }
        return out;
    }

    private static List<Charts.Bar> bars(List<TimerRow> rows, ToDoubleFunction<TimerRow> value) {
        List<Charts.Bar> out = new ArrayList<>();
        for (String f : Peers.ALL) {
            rows.stream().filter(r -> r.server().equals(f) && r.wasMeasured()).mapToDouble(value).filter(Double::isFinite)
                    .findFirst().ifPresent(v -> out.add(new Charts.Bar(f, v).as(kind(f), f)));
        }
        return out;
    }

    /** Ours drawn solid, the JDK's and Netty's timers as peers. */
    static Charts.Kind kind(String facility) {
        return Peers.isOurs(facility) ? Charts.Kind.OURS : Charts.Kind.PEER;
    }

    /** Says which runs were not made and why, so a missing point is not read as a gap. */
    private static String notRunNote(List<TimerRow> rows) {
        List<String> notes = rows.stream().filter(r -> r.note() != null)
                .map(r -> r.server() + " at " + count(r.timers()) + " (" + r.note() + ")").toList();
        return notes.isEmpty() ? "" : "Not measured, and not a gap: " + Html.escape(String.join("; ", notes)) + ". ";
    }

    /** One table per workload, each with its own figures as median (range); errors and reasons not run in the last column. */
    private String table() {
        StringBuilder h = new StringBuilder();
        h.append(table(TimerChild.LATENESS, List.of("p50", "p99", "max"), List.of(
                r -> r.spread("p50Micros").format(Fmt::micros), r -> r.spread("p99Micros").format(Fmt::micros),
                r -> r.spread("maxMicros").format(Fmt::micros))));
        List<Function<TimerRow, String>> idle = List.of(r -> r.spread("wakeupsPerSecond").format(v -> Fmt.decimal(v, 1)),
                r -> r.spread("dueTicksPerSecond").format(v -> Fmt.decimal(v, 1)),
                r -> r.spread("threadCpuMillisPerSecond").format(v -> Fmt.decimal(v, 2)),
                r -> r.spread("cpuMillisPerSecond").format(v -> Fmt.decimal(v, 1)));
        List<String> idleHeader = List.of("wake-ups/s", "due ticks/s", "thread CPU ms/s", "process CPU ms/s");
        h.append(table(TimerChild.IDLE, idleHeader, idle));
        h.append(table(TimerChild.DUE, idleHeader, idle));
        h.append(table(TimerChild.HEAP, List.of("heap B/timer"), List.of(r -> r.spread("heapBytesPerTimer").format(v -> Fmt.decimal(v, 1)))));
        h.append(table(TimerChild.SCHEDULE_CANCEL, List.of("ops/s", "caller ops/s"), List.of(
                r -> r.spread("opsPerSecond").format(Fmt::count), r -> r.spread("callerOpsPerSecond").format(Fmt::count))));
        return h.toString();
    }

    private String table(String workload, List<String> figures, List<Function<TimerRow, String>> cellsOf) {
        List<TimerRow> mine = of(workload);
        if (mine.isEmpty()) {
            return "";
        }
        List<String> header = new ArrayList<>(List.of("workload", "facility", "kind",
                workload.equals(TimerChild.DUE) ? "due/s" : workload.equals(TimerChild.SCHEDULE_CANCEL) ? "live timers" : "timers"));
        header.addAll(figures);
        header.add("note / error");
        List<List<String>> cells = new ArrayList<>();
        for (TimerRow r : mine) {
            List<String> row = new ArrayList<>(List.of(r.workload(), r.server(), r.kind(), count(r.timers())));
            cellsOf.forEach(c -> row.add(c.apply(r)));
            row.add(r.error() != null ? "ERROR: " + r.error() : r.note() != null ? r.note() : "");
            cells.add(row);
        }
        return Html.table(header, cells);
    }

    /** 100000 as {@code 100 000}. */
    private static String code(String facility) {
        return "<code>" + facility + "</code>";
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
