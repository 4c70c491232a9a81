package io.muxlab.harness.timers;

import io.muxlab.core.timer.TimerService;
import java.util.ArrayList;
import java.util.List;

/**
 * Schedule+cancel throughput with {@code live} timers armed: the loop of the JMH benchmark
 * ({@link ScheduleCancelRing}) run for a fixed window.
 *
 * <p>Two figures. {@code callerOpsPerSecond} is what the calling thread managed. {@code
 * opsPerSecond} divides the same operations by the window plus the time the facility then needs to
 * catch up: ours and Netty hand each operation to their own thread through a queue, and a caller
 * that outruns that thread only leaves the work for later. The JDK executor does the heap work on
 * the caller's thread under a lock, so its two figures agree. JMH gives the rigorous caller figure.
 */
final class ScheduleCancelWorkload {
    record Result(int live, long operations, double opsPerSecond, double callerOpsPerSecond) {
    }

    private ScheduleCancelWorkload() {
    }

    /** One warm-up, then {@code repeats} windows one after another, each counted until the facility caught up. */
    static List<Result> run(TimerService timers, int live, long warmupNanos, long windowNanos, int repeats)
            throws InterruptedException {
        ScheduleCancelRing ring = new ScheduleCancelRing(timers, live);
        loop(ring, warmupNanos);
        ring.caughtUp();
        List<Result> out = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            long operations = loop(ring, windowNanos);
            long called = System.nanoTime();
            ring.caughtUp();
            long done = System.nanoTime();
            out.add(new Result(live, operations, operations * 1e9 / (done - start), operations * 1e9 / (called - start)));
        }
        ring.cancelAll();
        return out;
    }

    /** Operations in batches of 1024 between clock reads, until {@code nanos} have passed. */
    private static long loop(ScheduleCancelRing ring, long nanos) {
        long end = System.nanoTime() + nanos;
        long operations = 0;
        do {
            for (int k = 0; k < 1024; k++) {
                ring.scheduleAndCancel();
            }
            operations += 1024;
        } while (System.nanoTime() < end);
        return operations;
    }
}
