package io.muxlab.harness.timers;

import io.muxlab.core.cli.ResultLine;
import io.muxlab.core.timer.TimerService;
import io.muxlab.harness.measure.Lateness;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The main of a timer child JVM: one workload against one facility, then one {@link ResultLine}
 * ({@link #PREFIX}) on standard output and exit 0; on failure, one line on standard error and exit 1. The harness
 * starts it the same way for every facility ({@link TimerRun}); by hand:
 *
 * <pre>
 *   java -cp harness/target/harness.jar io.muxlab.harness.timers.TimerChild lateness heap 10000 300000000 1500000000
 * </pre>
 *
 * Arguments: workload ({@code lateness}, {@code idle}, {@code due}, {@code heap}, {@code
 * schedule-cancel}), facility ({@link Peers#ALL}), timers, warm-up and window in nanoseconds.
 * {@code timers} is the timers armed, live or an hour away (idle: 0 is an empty facility), or for
 * {@code due} the timers due per second. For lateness the warm-up is an untimed round on a
 * separate instance, so no facility is measured while the JIT compiles it, and the window is the
 * spread of the deadlines; for idle and due it is the time the timers settle before the window
 * opens; heap has no window.
 */
public final class TimerChild {
    /** What its result line starts with. */
    static final String PREFIX = "timer-result";
    /** What its complaints on standard error start with. */
    static final String PROGRAM = "TimerChild";
    static final String LATENESS = "lateness";
    static final String IDLE = "idle";
    static final String DUE = "due";
    static final String HEAP = "heap";
    static final String SCHEDULE_CANCEL = "schedule-cancel";
    private static final String USAGE = "usage: TimerChild lateness|idle|due|heap|schedule-cancel FACILITY TIMERS WARMUP_NANOS WINDOW_NANOS"
            + " (facilities: " + String.join(", ", Peers.ALL) + ")";

    private TimerChild() {
    }

    public static void main(String[] args) {
        if (args.length != 5 || !Peers.ALL.contains(args[1])) {
            System.err.println(USAGE);
            System.exit(2);
        }
        String workload = args[0];
        String facility = args[1];
        int timers;
        long warmup;
        long window;
        try {
            timers = Integer.parseInt(args[2]);
            warmup = Long.parseLong(args[3]);
            window = Long.parseLong(args[4]);
        } catch (NumberFormatException e) {
            System.err.println(PROGRAM + ": " + e.getMessage() + "; " + USAGE);
            System.exit(2);
            return;
        }
        if (timers < (workload.equals(IDLE) ? 0 : 1) || warmup < 0 || window < 1_000_000) {
            System.err.println("TimerChild: needs at least 1 timer (idle: 0), a warm-up of 0 or more and a window of at least 1 ms "
                    + "(1000000 ns); " + USAGE);
            System.exit(2);
        }
        try {
            System.out.println(run(workload, facility, timers, warmup, window).build().format());
            System.out.flush();
            System.exit(0);
        } catch (IllegalArgumentException e) {
            System.err.println(PROGRAM + ": " + e.getMessage() + "; " + USAGE);
            System.exit(2);
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println(PROGRAM + ": " + workload + " " + facility + " " + timers + ": " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static ResultLine.Builder run(String workload, String facility, int timers, long warmup, long window)
            throws IOException, InterruptedException {
        ResultLine.Builder out = ResultLine.builder(PREFIX).count("timers", timers);
        switch (workload) {
            case LATENESS: {
                try (TimerService peer = Peers.create(facility)) {
                    LatenessWorkload.run(peer, Math.min(timers, 2_000), Math.min(warmup, TimeUnit.MILLISECONDS.toNanos(300)), 1);
                }
                Lateness r;
                try (TimerService peer = Peers.create(facility)) {
                    r = LatenessWorkload.run(peer, timers, window, 42);
                }
                out.number("p50Micros", r.p50Micros());
                out.number("p99Micros", r.p99Micros());
                out.number("maxMicros", r.maxMicros());
                return out;
            }
            case IDLE:
            case DUE: {
                IdleWorkload.Result r;
                try (TimerService peer = Peers.create(facility)) {
                    r = workload.equals(IDLE) ? IdleWorkload.far(peer, timers, warmup, window)
                            : IdleWorkload.due(peer, timers, warmup, window);
                }
                out.number("wakeupsPerSecond", r.wakeupsPerSecond());
                out.number("dueTicksPerSecond", r.dueTicksPerSecond());
                out.number("cpuMillisPerSecond", r.cpuMillisPerSecond());
                out.number("threadCpuMillisPerSecond", r.threadCpuMillisPerSecond());
                return out;
            }
            case HEAP: {
                try (TimerService peer = Peers.create(facility)) {
                    out.number("heapBytesPerTimer", HeapWorkload.bytesPerTimer(peer, timers));
                }
                return out;
            }
            case SCHEDULE_CANCEL: {
                ScheduleCancelWorkload.Result r;
                try (TimerService peer = Peers.create(facility)) {
                    r = ScheduleCancelWorkload.run(peer, timers, warmup, window);
                }
                out.count("operations", r.operations());
                out.number("opsPerSecond", r.opsPerSecond());
                out.number("callerOpsPerSecond", r.callerOpsPerSecond());
                return out;
            }
            default:
                throw new IllegalArgumentException("unknown workload '" + workload + "'");
        }
    }
}
