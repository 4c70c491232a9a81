package io.muxlab.harness.timers;

import io.muxlab.core.timer.TimerService;

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

    static Result run(TimerService timers, int live, long warmupNanos, long windowNanos) throws InterruptedException {
        ScheduleCancelRing ring = new ScheduleCancelRing(timers, live);
        loop(ring, warmupNanos);
        ring.caughtUp();
        long start = System.nanoTime();
        long operations = loop(ring, windowNanos);
        long called = System.nanoTime();
        ring.caughtUp();
        long done = System.nanoTime();
        ring.cancelAll();
        return new Result(live, operations, operations * 1e9 / (done - start), operations * 1e9 / (called - start));
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
