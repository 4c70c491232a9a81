package io.muxlab.harness.timers;

import io.muxlab.core.timer.Timer;
import io.muxlab.core.timer.TimerCallback;
import io.muxlab.core.timer.TimerService;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The schedule+cancel loop that the JMH benchmark ({@link ScheduleCancelBenchmark}) and the timer
 * section ({@link ScheduleCancelWorkload}) both run: a ring of {@code live} armed timers, and each
 * operation cancels the oldest and schedules a new one 10 to 20 minutes out, so the number of live
 * timers stays put and every cancel hits a timer deep inside the structure. Not thread-safe: one
 * caller drives it.
 */
final class ScheduleCancelRing {
    private static final long MIN_DELAY = TimeUnit.MINUTES.toNanos(10);
    private static final long CATCH_UP_SECONDS = 60;
    private static final TimerCallback NOTHING = (t, n) -> { };

    private final TimerService timers;
    private final Timer[] ring;
    private int next;
    private long random = 0x9E3779B97F4A7C15L;

    /** Arms {@code live} timers on {@code timers} and waits until the facility has placed them. */
    ScheduleCancelRing(TimerService timers, int live) throws InterruptedException {
        this.timers = timers;
        this.ring = new Timer[live];
        for (int i = 0; i < live; i++) {
            ring[i] = timers.schedule(delay(), NOTHING);
        }
        caughtUp();
    }

    /** One operation; returns whether the cancel found its timer still pending. */
    boolean scheduleAndCancel() {
        int i = next;
        next = i + 1 == ring.length ? 0 : i + 1;
        boolean cancelled = ring[i].cancel();
        ring[i] = timers.schedule(delay(), NOTHING);
        return cancelled;
    }

    /**
     * Waits until the facility's thread has run everything handed to it so far: ours and Netty's
     * hand each operation to their own thread through a queue, and a caller that outruns that
     * thread only leaves the work for later.
     */
    void caughtUp() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        timers.schedule(Duration.ZERO, (t, n) -> ran.countDown());
        if (!ran.await(CATCH_UP_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException(timers.name() + " did not catch up within " + CATCH_UP_SECONDS + " s");
        }
    }

    void cancelAll() {
        for (Timer c : ring) {
            c.cancel();
        }
    }

    /** 10 to 20 minutes, from a xorshift generator: no shared Random. */
    private Duration delay() {
        long x = random;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        random = x;
        return Duration.ofNanos(MIN_DELAY + Math.floorMod(x, MIN_DELAY));
    }
}
