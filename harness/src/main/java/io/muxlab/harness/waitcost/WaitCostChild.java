package io.muxlab.harness.waitcost;

import io.muxlab.core.cli.ResultLine;
import io.muxlab.harness.bench.IdleWait;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The main of a wait-cost child JVM: one backend over N idle descriptors, timed, then one
 * {@link ResultLine} ({@link #PREFIX}) on standard output and exit 0; on failure one line on
 * standard error and exit 1. By hand:
 *
 * <pre>
 *   java -cp harness/target/harness.jar io.muxlab.harness.waitcost.WaitCostChild poll 10000 200000000
 * </pre>
 *
 * Arguments: backend ({@link IdleWait#ALL}), N, and the length of each of the {@link #WINDOWS}
 * timed windows in nanoseconds. A warm-up as long as one window goes first (the JIT compiles the
 * call path) and sizes the batches: the clock is read once per batch of about a millisecond of
 * calls, not once per call, so reading it costs nothing measurable beside a 300 ns epoll_wait.
 * Each window gives the wall time and this thread's CPU time per call; the line carries their
 * median over the windows and the spread of the wall figure.
 */
public final class WaitCostChild {
    static final String PREFIX = "wait-cost";
    static final String PROGRAM = "WaitCostChild";
    /** Timed windows per run: a disturbance in one shows as spread, not as the figure. */
    static final int WINDOWS = 3;
    private static final String USAGE = "usage: WaitCostChild BACKEND N WINDOW_NANOS (backends: " + String.join(", ", IdleWait.ALL) + ")";

    private WaitCostChild() {
    }

    public static void main(String[] args) {
        if (args.length != 3 || !IdleWait.ALL.contains(args[0])) {
            System.err.println(USAGE);
            System.exit(2);
        }
        int n;
        long window;
        try {
            n = Integer.parseInt(args[1]);
            window = Long.parseLong(args[2]);
        } catch (NumberFormatException e) {
            System.err.println(PROGRAM + ": " + e.getMessage() + "; " + USAGE);
            System.exit(2);
            return;
        }
        if (n < 2 || window < 1_000_000) {
            System.err.println(PROGRAM + ": needs N of at least 2 and a window of at least 1 ms (1000000 ns); " + USAGE);
            System.exit(2);
        }
        try (IdleWait wait = IdleWait.open(args[0], n)) {
            System.out.println(measure(wait, window).format());
            System.out.flush();
        } catch (IOException | RuntimeException e) {
            System.err.println(PROGRAM + ": " + args[0] + " N=" + n + ": " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static ResultLine measure(IdleWait wait, long window) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long warmCalls = 0;
        while (System.nanoTime() - start < window) {
            wait.waitOnce();
            warmCalls++;
        }
        long batch = Math.max(1, warmCalls * 1_000_000L / Math.max(1, System.nanoTime() - start));
        double[] wall = new double[WINDOWS];
        double[] cpu = new double[WINDOWS];
        long calls = 0;
        int ready = 0;
        for (int w = 0; w < WINDOWS; w++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            long t;
            long made = 0;
            do {
                for (long i = 0; i < batch; i++) {
                    ready |= wait.waitOnce();
                }
                made += batch;
                t = System.nanoTime();
            } while (t - t0 < window);
            wall[w] = (double) (t - t0) / made;
            cpu[w] = (double) (threads.getCurrentThreadCpuTime() - cpu0) / made;
            calls += made;
        }
        if (ready != 0) {
            throw new IllegalStateException("a wait reported a ready descriptor; an idle one should never be");
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return ResultLine.builder(PREFIX).count("descriptors", wait.descriptors()).count("calls", calls)
                .number("nanosPerCall", wall[WINDOWS / 2]).number("nanosMin", wall[0]).number("nanosMax", wall[WINDOWS - 1])
                .number("cpuNanosPerCall", cpu[WINDOWS / 2]).build();
    }
}
