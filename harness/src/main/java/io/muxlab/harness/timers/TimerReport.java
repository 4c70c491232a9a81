package io.muxlab.harness.timers;

import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.Html;
import io.muxlab.harness.format.Unit;
import io.muxlab.harness.section.Settings;
import io.muxlab.timer.TimerServices;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        StringBuilder h = new StringBuilder();
        h.append("<p>Five timer facilities, each driven the same way: ours from <code>timerfd-timer</code> — ")
                .append(code(TimerServices.HEAP)).append(" (one timerfd armed to the earliest deadline of a min-heap), ")
                .append(code(TimerServices.WHEEL)).append(" (one timerfd armed for the next non-empty 1 ms tick of the hierarchical timing wheel) and ")
                .append(code(TimerServices.FD_PER_TIMER)).append(" (a timerfd per timer, all in one epoll set) — and the peers ")
                .append("a Java user would reach for: ").append(code(Peers.STPE)).append(", the JDK's ScheduledThreadPoolExecutor ")
                .append("with one thread and remove-on-cancel, and ").append(code(Peers.NETTY_HWT)).append(", Netty's ")
                .append("HashedWheelTimer (1 ms tick, 512 buckets). Every run is a fresh child JVM running <code>")
                .append(TimerChild.class.getName()).append("</code> from harness.jar, and every facility is driven through core's ")
                .append("<code>TimerService</code> (the peers through small adapters that pass the same contract tests as ours). ")
                .append("How the three strategies work: ")
                .append(docs).append(".</p>\n");

        List<TimerRow> lateness = of(TimerChild.LATENESS);
        h.append(Html.figure(charts.line("timer-lateness-p99", "Firing lateness p99 vs armed timers", "armed timers",
                        "p99 lateness", Unit.MILLIS, series(lateness)),
                "Each point arms N one-shot timers with deadlines spread at random over the " + seconds(settings.measureNanos())
                        + " window and records how long after its deadline each task ran (HdrHistogram; p50 and max in the "
                        + "table). " + code(TimerServices.HEAP) + ", " + code(TimerServices.FD_PER_TIMER) + " and "
                        + code(Peers.STPE) + " wake at the earliest "
                        + "deadline itself, so they are late only by the time it takes to get the thread running and work "
                        + "through the timers due together; " + code(TimerServices.WHEEL) + " and " + code(Peers.NETTY_HWT)
                        + " fire on the first "
                        + "1 ms tick at or after a deadline, so up to a tick late by design. The more timers, the more fall due "
                        + "at once, and one thread runs their callbacks one after another. " + notRunNote(lateness)
                        + "Why: " + docs + "."));

        IdleFigures idle = new IdleFigures(rows);
        List<TimerRow> notIdle = rows.stream().filter(r -> r.workload().equals(TimerChild.IDLE)
                || r.workload().equals(TimerChild.DUE)).toList();
        h.append(Html.figure(charts.groupedBars("timer-idle-wakeups", "Wake-ups per second of the facility's thread",
                        "wake-ups / s", Unit.COUNT, idle.categories(), idle.series(TimerRow::wakeupsPerSecond)),
                "How often the facility's thread went to sleep and was woken (its voluntary context switches, from "
                        + "<code>/proc/self/task/TID/status</code>): with nothing armed, with 10 000 timers an hour away, "
                        + "and with timers falling due at random through the window, sparse and dense, every timer armed "
                        + "before the window opens. A tickless facility wakes only when something is due — at most once per "
                        + "distinct due moment, counted here at the wheels' 1 ms tick — and not at all while nothing is: "
                        + code(TimerServices.HEAP) + " and " + code(TimerServices.FD_PER_TIMER) + " arm the kernel for the "
                        + "earliest deadline, " + code(TimerServices.WHEEL) + " for the next tick that holds a timer, "
                        + code(Peers.STPE) + " parks until its earliest task. " + code(Peers.NETTY_HWT) + " ticks every 1 ms "
                        + "while it runs, whatever is due. " + Html.escape(idle.wakeUps()) + notRunNote(notIdle)));
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
                            + "out, again and again for " + seconds(settings.measureNanos()) + "; the count runs until the "
                            + "facility has caught up with the work handed to its own thread (the caller's figure alone is in the "
                            + "table). A wheel places and removes in O(1), a heap in O(log n); " + code(Peers.STPE) + " does its heap "
                            + "work under a lock on the caller's thread, " + code(TimerServices.FD_PER_TIMER) + " pays a close, "
                            + "<code>timerfd_create</code>, <code>epoll_ctl</code> and <code>timerfd_settime</code> per operation. "
                            + notRunNote(at) + "This is a short timed loop on a shared machine; the rigorous figure is JMH's: "
                            + "<code>java -cp harness/target/harness.jar org.openjdk.jmh.Main ScheduleCancelBenchmark</code>."));
        }
        h.append(table());
        return h.toString();
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

    private String table() {
        List<String> header = List.of("workload", "facility", "kind", "timers", "p50", "p99", "max", "ops/s", "caller ops/s",
                "wake-ups/s", "due ticks/s", "thread CPU ms/s", "process CPU ms/s", "heap B/timer", "note / error");
        List<List<String>> cells = new ArrayList<>();
        for (TimerRow r : rows) {
            String note = r.error() != null ? "ERROR: " + r.error() : r.note() != null ? r.note() : "";
            cells.add(List.of(r.workload(), r.server(), r.kind(), count(r.timers()), Fmt.micros(r.p50Micros()),
                    Fmt.micros(r.p99Micros()), Fmt.micros(r.maxMicros()), Fmt.count(r.opsPerSecond()),
                    Fmt.count(r.callerOpsPerSecond()), Fmt.decimal(r.wakeupsPerSecond(), 1),
                    Fmt.decimal(r.dueTicksPerSecond(), 1), Fmt.decimal(r.threadCpuMillisPerSecond(), 2),
                    Fmt.decimal(r.cpuMillisPerSecond(), 1), Fmt.decimal(r.heapBytesPerTimer(), 1), note));
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
