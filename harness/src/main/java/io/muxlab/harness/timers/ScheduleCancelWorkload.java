package io.muxlab.harness.timers;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Schedule+cancel throughput with {@code live} timers armed, the loop of the JMH benchmark
 * ({@link ScheduleCancelBenchmark}) run for a fixed window: each operation
 * cancels the oldest timer of a ring and schedules a new one 10 to 20 minutes out, so the number
 * of live timers stays put and every cancel hits a timer deep inside the structure.
 *
 * <p>Two figures. {@code callerOpsPerSecond} is what the calling thread managed. {@code
 * opsPerSecond} divides the same operations by the window plus the time the facility then needs to
 * catch up: ours and Netty hand each operation to their own thread through a queue, and a caller
 * that outruns that thread only leaves the work for later. The JDK executor does the heap work on
 * the caller's thread under a lock, so its two figures agree. JMH gives the rigorous caller figure.
 */
final class ScheduleCancelWorkload {
    private static final long MIN_DELAY = TimeUnit.MINUTES.toNanos(10);
    private static final long CATCH_UP_SECONDS = 60;
    private static final Runnable NOTHING = () -> { };

    record Result(int live, long operations, double opsPerSecond, double callerOpsPerSecond) {
    }

    private final PeerTimers timers;
    private final PeerTimers.Cancellable[] ring;
    private int next;
    private long random = 0x9E3779B97F4A7C15L;

    private ScheduleCancelWorkload(PeerTimers timers, int live) {
        this.timers = timers;
        this.ring = new PeerTimers.Cancellable[live];
    }

    static Result run(PeerTimers timers, int live, long warmupNanos, long windowNanos) throws InterruptedException {
        ScheduleCancelWorkload w = new ScheduleCancelWorkload(timers, live);
        for (int i = 0; i < live; i++) {
            w.ring[i] = timers.schedule(w.delay(), NOTHING);
        }
        w.caughtUp();
        w.loop(warmupNanos);
        w.caughtUp();
        long start = System.nanoTime();
        long operations = w.loop(windowNanos);
        long called = System.nanoTime();
        w.caughtUp();
        long done = System.nanoTime();
        for (PeerTimers.Cancellable c : w.ring) {
            c.cancel();
        }
        return new Result(live, operations, operations * 1e9 / (done - start), operations * 1e9 / (called - start));
    }

    /** Operations in batches of 1024 between clock reads, until {@code nanos} have passed. */
    private long loop(long nanos) {
        long end = System.nanoTime() + nanos;
        long operations = 0;
        do {
            for (int k = 0; k < 1024; k++) {
                scheduleAndCancel();
            }
            operations += 1024;
        } while (System.nanoTime() < end);
        return operations;
    }

    private void scheduleAndCancel() {
        int i = next;
        next = i + 1 == ring.length ? 0 : i + 1;
        ring[i].cancel();
        ring[i] = timers.schedule(delay(), NOTHING);
    }

    /** Waits until the facility's thread has run everything handed to it so far. */
    private void caughtUp() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        timers.schedule(0, ran::countDown);
        if (!ran.await(CATCH_UP_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException(timers.name() + " did not catch up within " + CATCH_UP_SECONDS + " s");
        }
    }

    /** 10 to 20 minutes, from a xorshift generator: no allocation, no shared Random. */
    private long delay() {
        long x = random;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        random = x;
        return MIN_DELAY + Math.floorMod(x, MIN_DELAY);
    }
}
