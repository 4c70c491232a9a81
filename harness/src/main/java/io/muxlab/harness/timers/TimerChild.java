package io.muxlab.harness.timers;

import io.muxlab.core.cli.ResultLine;
import io.muxlab.core.timer.TimerService;
import io.muxlab.harness.measure.Lateness;
import io.muxlab.harness.measure.Spread;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The main of a timer child JVM: one workload against one facility, then one {@link ResultLine}
 * ({@link #PREFIX}) on standard output and exit 0; on failure, one line on standard error and exit 1. The harness
 * starts it the same way for every facility ({@link TimerRun}); by hand:
 *
 * <pre>
 *   java -cp harness/target/harness.jar io.muxlab.harness.timers.TimerChild lateness heap 10000 300000000 500000000 3
 * </pre>
 *
 * Arguments: workload ({@code lateness}, {@code idle}, {@code due}, {@code heap}, {@code
 * schedule-cancel}), facility ({@link Peers#ALL}), timers, warm-up and window in nanoseconds, and
 * repeats: the measured part runs that many times, one after another after the one warm-up, each
 * over its own window, and the line carries every repeat's figures ({@link Spread}).
 * {@code timers} is the timers armed, live or an hour away (idle: 0 is an empty facility), or for
 * {@code due} the timers due per second. For lateness the warm-up is an untimed round on a
 * separate instance, so no facility is measured while the JIT compiles it, and the window is the
 * spread of the deadlines; for idle and due it is the time the timers settle before the window
 * opens; heap has no window. Lateness and heap build a fresh facility for each repeat; idle, due
 * and schedule-cancel keep one and measure consecutive windows.
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
    private static final String USAGE = "usage: TimerChild lateness|idle|due|heap|schedule-cancel FACILITY TIMERS WARMUP_NANOS WINDOW_NANOS REPEATS"
            + " (facilities: " + String.join(", ", Peers.ALL) + ")";

    private TimerChild() {
    }

    public static void main(String[] args) {
        if (args.length != 6 || !Peers.ALL.contains(args[1])) {
            System.err.println(USAGE);
            System.exit(2);
        }
        String workload = args[0];
        String facility = args[1];
        int timers;
        long warmup;
        long window;
        int repeats;
        try {
            timers = Integer.parseInt(args[2]);
            warmup = Long.parseLong(args[3]);
            window = Long.parseLong(args[4]);
            repeats = Integer.parseInt(args[5]);
        } catch (NumberFormatException e) {
            System.err.println(PROGRAM + ": " + e.getMessage() + "; " + USAGE);
            System.exit(2);
            return;
        }
        if (timers < (workload.equals(IDLE) ? 0 : 1) || warmup < 0 || window < 1_000_000 || repeats < 1 || repeats > 20) {
            System.err.println("TimerChild: needs at least 1 timer (idle: 0), a warm-up of 0 or more, a window of at least 1 ms "
                    + "(1000000 ns) and 1 to 20 repeats; " + USAGE);
            System.exit(2);
        }
        try {
            System.out.println(run(workload, facility, timers, warmup, window, repeats).build().format());
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

    private static ResultLine.Builder run(String workload, String facility, int timers, long warmup, long window, int repeats)
            throws IOException, InterruptedException {
        ResultLine.Builder out = ResultLine.builder(PREFIX).count("timers", timers).count("repeats", repeats);
        Figures figures = new Figures(repeats);
        switch (workload) {
            case LATENESS: {
                try (TimerService peer = Peers.create(facility)) {
                    LatenessWorkload.run(peer, Math.min(timers, 2_000), Math.min(warmup, TimeUnit.MILLISECONDS.toNanos(300)), 1);
                }
                for (int r = 0; r < repeats; r++) {
                    Lateness l;
                    try (TimerService peer = Peers.create(facility)) {
                        l = LatenessWorkload.run(peer, timers, window, 42 + r);
                    }
                    figures.put("p50Micros", r, l.p50Micros());
                    figures.put("p99Micros", r, l.p99Micros());
                    figures.put("maxMicros", r, l.maxMicros());
                }
                break;
            }
            case IDLE:
            case DUE: {
                List<IdleWorkload.Result> results;
                try (TimerService peer = Peers.create(facility)) {
                    results = workload.equals(IDLE) ? IdleWorkload.far(peer, timers, warmup, window, repeats)
                            : IdleWorkload.due(peer, timers, warmup, window, repeats);
                }
                for (int r = 0; r < repeats; r++) {
                    IdleWorkload.Result one = results.get(r);
                    figures.put("wakeupsPerSecond", r, one.wakeupsPerSecond());
                    figures.put("dueTicksPerSecond", r, one.dueTicksPerSecond());
                    figures.put("cpuMillisPerSecond", r, one.cpuMillisPerSecond());
                    figures.put("threadCpuMillisPerSecond", r, one.threadCpuMillisPerSecond());
                }
                break;
            }
            case HEAP: {
                for (int r = 0; r < repeats; r++) {
                    try (TimerService peer = Peers.create(facility)) {
                        figures.put("heapBytesPerTimer", r, HeapWorkload.bytesPerTimer(peer, timers));
                    }
                }
                break;
            }
            case SCHEDULE_CANCEL: {
                List<ScheduleCancelWorkload.Result> results;
                try (TimerService peer = Peers.create(facility)) {
                    results = ScheduleCancelWorkload.run(peer, timers, warmup, window, repeats);
                }
                for (int r = 0; r < repeats; r++) {
                    figures.put("opsPerSecond", r, results.get(r).opsPerSecond());
                    figures.put("callerOpsPerSecond", r, results.get(r).callerOpsPerSecond());
                }
                break;
            }
            default:
                throw new IllegalArgumentException("unknown workload '" + workload + "'");
        }
        figures.writeTo(out);
        return out;
    }

    /** Each figure's value in each repeat, written to the result line as {@code figure.1 figure.2 …} ({@link Spread}). */
    private static final class Figures {
        private final int repeats;
        private final Map<String, double[]> values = new LinkedHashMap<>();

        Figures(int repeats) {
            this.repeats = repeats;
        }

        void put(String figure, int repeat, double value) {
            values.computeIfAbsent(figure, k -> new double[repeats])[repeat] = value;
        }

        void writeTo(ResultLine.Builder line) {
            values.forEach((figure, v) -> Spread.of(v).writeTo(line, figure));
        }
    }
}
