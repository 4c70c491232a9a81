package io.muxlab.harness.timers;

import io.muxlab.harness.format.Charts;
import io.muxlab.harness.format.Fmt;
import io.muxlab.harness.format.Html;
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
                .append(code(TimerServices.WHEEL)).append(" (one timerfd ticking a hierarchical timing wheel, 1 ms tick) and ")
                .append(code(TimerServices.FD_PER_TIMER)).append(" (a timerfd per timer, all in one epoll set) — and the peers ")
                .append("a Java user would reach for: ").append(code(Peers.STPE)).append(", the JDK's ScheduledThreadPoolExecutor ")
                .append("with one thread and remove-on-cancel, and ").append(code(Peers.NETTY_HWT)).append(", Netty's ")
                .append("HashedWheelTimer (1 ms tick, 512 buckets). Every run is a fresh child JVM running <code>")
                .append(TimerChild.class.getName()).append("</code> from harness.jar. How the three strategies work: ")
                .append(docs).append(".</p>\n");

        List<TimerRow> lateness = of(TimerChild.LATENESS);
        h.append(Html.figure(charts.line("timer-lateness-p99", "Firing lateness p99 vs armed timers", "armed timers (log)",
                        "p99 lateness, ms", true, false, series(lateness)),
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

        List<TimerRow> idle = of(TimerChild.IDLE);
        h.append(Html.figure(charts.bars("timer-idle-wakeups", "Idle wake-ups per second, " + count(TimerSection.IDLE_TIMERS)
                        + " timers an hour away", "wake-ups / s", bars(idle, TimerRow::wakeupsPerSecond)),
                "Nothing is due for an hour: how often the facility's thread still wakes up (its voluntary context "
                        + "switches, from <code>/proc/self/task/TID/status</code>). A heap, or the kernel's own timers for "
                        + code(TimerServices.FD_PER_TIMER) + ", lets the thread sleep until the earliest deadline, so it does not wake "
                        + "at all. A wheel has to tick to find out that nothing is due: ours ticks every 1 ms while any timer is "
                        + "armed and stops when it is empty, Netty's ticks as long as it runs. "
                        + measured(idle, TimerRow::wakeupsPerSecond, 1, " wake-ups/s") + notRunNote(idle)));
        h.append(Html.figure(charts.bars("timer-idle-cpu", "Idle CPU of the facility's thread, " + count(TimerSection.IDLE_TIMERS)
                        + " timers an hour away", "CPU ms / s", bars(idle, TimerRow::threadCpuMillisPerSecond)),
                "What those wake-ups cost: CPU time of the facility's thread per second, from the JDK's "
                        + "<code>ThreadMXBean</code> (nanoseconds). The table also gives the whole child process's CPU "
                        + "(<code>ProcessHandle</code>); that figure includes the JVM's own threads (GC, JIT, its periodic task) "
                        + "and comes in 10 ms ticks, so over a short window it is mostly noise. "
                        + measured(idle, TimerRow::threadCpuMillisPerSecond, 2, " ms/s")));

        List<TimerRow> scheduleCancel = of(TimerChild.SCHEDULE_CANCEL);
        for (int live : scheduleCancel.stream().map(TimerRow::timers).distinct().toList()) {
            List<TimerRow> at = scheduleCancel.stream().filter(r -> r.timers() == live).toList();
            h.append(Html.figure(charts.bars("timer-schedule-cancel-" + live, "Schedule+cancel per second, " + count(live)
                            + " live timers", "operations / s", bars(at, TimerRow::opsPerSecond)),
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
                    mine.stream().mapToDouble(r -> r.p99Micros() / 1000).toArray()));
        }
        return out;
    }

    private static List<Charts.Bar> bars(List<TimerRow> rows, ToDoubleFunction<TimerRow> value) {
        List<Charts.Bar> out = new ArrayList<>();
        for (String f : Peers.ALL) {
            rows.stream().filter(r -> r.server().equals(f) && r.wasMeasured()).mapToDouble(value).filter(Double::isFinite)
                    .findFirst().ifPresent(v -> out.add(new Charts.Bar(f, v)));
        }
        return out;
    }

    /** The figures behind a bar chart in words, so a bar of zero reads as a measured zero. */
    private static String measured(List<TimerRow> rows, ToDoubleFunction<TimerRow> value, int places, String unit) {
        List<String> parts = new ArrayList<>();
        for (Charts.Bar b : bars(rows, value)) {
            parts.add(b.name() + " " + Fmt.decimal(b.value(), places));
        }
        return parts.isEmpty() ? "" : "Measured: " + Html.escape(String.join(", ", parts)) + unit + ". ";
    }

    /** Says which runs were not made and why, so a missing point is not read as a gap. */
    private static String notRunNote(List<TimerRow> rows) {
        List<String> notes = rows.stream().filter(r -> r.note() != null)
                .map(r -> r.server() + " at " + count(r.timers()) + " (" + r.note() + ")").toList();
        return notes.isEmpty() ? "" : "Not measured, and not a gap: " + Html.escape(String.join("; ", notes)) + ". ";
    }

    private String table() {
        List<String> header = List.of("workload", "facility", "kind", "timers", "p50", "p99", "max", "ops/s", "caller ops/s",
                "wake-ups/s", "thread CPU ms/s", "process CPU ms/s", "note / error");
        List<List<String>> cells = new ArrayList<>();
        for (TimerRow r : rows) {
            String note = r.error() != null ? "ERROR: " + r.error() : r.note() != null ? r.note() : "";
            cells.add(List.of(r.workload(), r.server(), r.kind(), count(r.timers()), Fmt.micros(r.p50Micros()),
                    Fmt.micros(r.p99Micros()), Fmt.micros(r.maxMicros()), Fmt.count(r.opsPerSecond()),
                    Fmt.count(r.callerOpsPerSecond()), Fmt.decimal(r.wakeupsPerSecond(), 1),
                    Fmt.decimal(r.threadCpuMillisPerSecond(), 2), Fmt.decimal(r.cpuMillisPerSecond(), 1), note));
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
