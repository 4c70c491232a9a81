package io.muxlab.harness.timers;

import io.muxlab.core.sys.Proc;
import io.muxlab.harness.format.Charts;
import io.muxlab.harness.launch.ChildJvm;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.Section;
import io.muxlab.harness.section.Settings;
import io.muxlab.timer.TimerServices;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Timers on an event loop: our three strategies (a timerfd per timer, one timerfd over a heap, one
 * armed for the next non-empty tick of the timing wheel) against the JDK's
 * {@code ScheduledThreadPoolExecutor} and Netty's {@code HashedWheelTimer}, each run in a child JVM
 * of its own ({@link TimerRun}): firing lateness with 1 000 to 100 000 armed timers; idle wake-ups
 * and CPU empty, with 10 000 timers an hour away, sparse (10 timers due a second) and dense (10 000
 * a second); heap retained per live timer; schedule+cancel throughput at 1 000 and 1 000 000 live
 * timers. Each point is measured {@link #REPEATS} times in its child, the {@code --duration}
 * window split between them; warm-ups follow {@code --warmup} up to half a second (a timer
 * workload has little to compile).
 * fd-per-timer needs a descriptor per timer: runs the descriptor limit cannot hold are listed as
 * not run, with what they need.
 */
public final class TimerSection implements Section {
    static final List<Integer> LATENESS_TIMERS = List.of(1_000, 10_000, 100_000);
    static final List<Integer> QUICK_LATENESS_TIMERS = List.of(1_000, 10_000);
    /** Idle: an empty facility, and one with this many timers an hour away. */
    static final List<Integer> IDLE_TIMERS = List.of(0, 10_000);
    /** Due: sparse and dense, in timers due per second. */
    static final List<Integer> DUE_PER_SECOND = List.of(10, 10_000);
    static final int HEAP_TIMERS = 100_000;
    static final int QUICK_HEAP_TIMERS = 10_000;
    static final List<Integer> LIVE_TIMERS = List.of(1_000, 1_000_000);
    static final List<Integer> QUICK_LIVE_TIMERS = List.of(1_000);
    /**
     * Descriptors fd-per-timer needs besides one per timer: the JVM's own (jars, stdio, the loop's
     * epoll and eventfd) and up to 1 024 of cancelled or fired timers waiting for the loop to close them.
     */
    static final int RESERVED_DESCRIPTORS = 1_200;
    private static final long MAX_WARMUP_NANOS = 500_000_000L;
    /**
     * Each point is measured this many times in its one child JVM, one window after another after
     * one warm-up, the window ({@code --duration}) split between them: a child's start and warm-up
     * cost more than its windows, so repeats in a warm process cost the section no time, where as
     * many child JVMs would triple it. Consecutive windows show a disturbance shorter than the
     * child; one as long as the child hits all its repeats alike. --quick measures once over the
     * whole (short) window.
     */
    static final int REPEATS = 3;

    @Override
    public String id() {
        return TimerRow.SCENARIO;
    }

    @Override
    public String title() {
        return "Timers: lateness, idle cost, heap per timer, schedule+cancel";
    }

    @Override
    public List<String> childJvmFlags() {
        return ChildJvm.WORKLOAD.flags();
    }

    @Override
    public List<PlannedRun> plan(Settings s) {
        Proc.FileLimit limit = Proc.openFileLimit();
        // The child's soft limit is raised to the hard one; an unlimited hard limit cannot be set, so the soft one stays.
        long childLimit = limit.hard() != Proc.UNLIMITED ? limit.hard() : limit.soft() != Proc.UNLIMITED ? limit.soft() : Long.MAX_VALUE;
        return plan(s, childLimit);
    }

    /** The runs, for a child whose RLIMIT_NOFILE is {@code descriptorLimit}. */
    List<PlannedRun> plan(Settings s, long descriptorLimit) {
        long warmup = Math.min(s.warmupNanos(), MAX_WARMUP_NANOS);
        long window = s.measureNanos();
        int repeats = repeats(s);
        long each = window / repeats;
        List<PlannedRun> runs = new ArrayList<>();
        for (int n : s.quick() ? QUICK_LATENESS_TIMERS : LATENESS_TIMERS) {
            for (String f : Peers.ALL) {
                runs.add(new TimerRun(TimerChild.LATENESS, f, n, warmup, each, repeats, notRun(f, n, descriptorLimit)));
            }
        }
        for (int n : IDLE_TIMERS) {
            for (String f : Peers.ALL) {
                runs.add(new TimerRun(TimerChild.IDLE, f, n, warmup, each, repeats, notRun(f, n, descriptorLimit)));
            }
        }
        for (int perSecond : DUE_PER_SECOND) {
            int armed = (int) Math.ceil(perSecond * (window / 1e9));
            for (String f : Peers.ALL) {
                runs.add(new TimerRun(TimerChild.DUE, f, perSecond, warmup, each, repeats, notRun(f, armed, descriptorLimit)));
            }
        }
        int heapTimers = s.quick() ? QUICK_HEAP_TIMERS : HEAP_TIMERS;
        for (String f : Peers.ALL) {
            runs.add(new TimerRun(TimerChild.HEAP, f, heapTimers, warmup, each, repeats, notRun(f, heapTimers, descriptorLimit)));
        }
        for (int n : s.quick() ? QUICK_LIVE_TIMERS : LIVE_TIMERS) {
            for (String f : Peers.ALL) {
                runs.add(new TimerRun(TimerChild.SCHEDULE_CANCEL, f, n, warmup, each, repeats, notRun(f, n, descriptorLimit)));
            }
        }
        return runs;
    }

    /** How many times each point is measured: {@link #REPEATS}, or once with --quick. */
    static int repeats(Settings s) {
        return s.quick() ? 1 : REPEATS;
    }

    /** Why {@code facility} cannot hold {@code timers} under {@code descriptorLimit}, or null if it can. */
    static String notRun(String facility, int timers, long descriptorLimit) {
        long needed = (long) timers + RESERVED_DESCRIPTORS;
        if (!facility.equals(TimerServices.FD_PER_TIMER) || needed <= descriptorLimit) {
            return null;
        }
        return String.format(Locale.ROOT, "not run: needs %d descriptors, limit %d (RLIMIT_NOFILE hard)", needed, descriptorLimit);
    }

    @Override
    public String render(List<Row> rows, Charts charts, Settings s) throws IOException {
        List<TimerRow> mine = new ArrayList<>();
        for (Row r : rows) {
            if (r instanceof TimerRow t) {
                mine.add(t);
            }
        }
        return new TimerReport(mine, charts, s).html();
    }
}
