package io.muxlab.harness.timers;

import io.muxlab.core.timer.TimerService;
import io.muxlab.harness.measure.Lateness;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Firing lateness with many armed timers: arms {@code timers} one-shot timers with delays spread
 * at random over {@code spreadNanos} (after a 100 ms lead), then records for each how long after
 * its deadline its task ran. The deadline is taken just before the schedule call, so the figure
 * includes the facility's own scheduling path — a conservative measure. The callbacks only store
 * a timestamp in an array (nothing that allocates or locks); the latenesses go into a
 * {@link Lateness} afterwards, on this thread.
 *
 * <p>A facility that refuses a timer (fd-per-timer out of descriptors) or does not fire every
 * timer in time fails the run: a lateness figure over part of the timers would flatter it.
 */
final class LatenessWorkload {
    private static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long after the last deadline the workload waits for stragglers. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private LatenessWorkload() {
    }

    static Lateness run(TimerService peer, int timers, long spreadNanos, long seed) throws InterruptedException {
        long[] deadlines = new long[timers];
        long[] lateness = new long[timers];
        Random random = new Random(seed);
        CountDownLatch fired = new CountDownLatch(timers);
        for (int armed = 0; armed < timers; armed++) {
            int i = armed;
            long delay = LEAD_NANOS + (long) (random.nextDouble() * spreadNanos);
            deadlines[i] = System.nanoTime() + delay;
            try {
                peer.schedule(Duration.ofNanos(delay), (t, n) -> {
                    lateness[i] = System.nanoTime() - deadlines[i];
                    fired.countDown();
                });
            } catch (RuntimeException e) {
                throw new IllegalStateException(peer.name() + " took " + armed + " of " + timers + " timers: " + e.getMessage(), e);
            }
        }
        if (!fired.await(LEAD_NANOS + spreadNanos + GRACE_NANOS, TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException(peer.name() + " fired " + (timers - fired.getCount()) + " of " + timers
                    + " timers by " + TimeUnit.NANOSECONDS.toSeconds(GRACE_NANOS) + " s after the last deadline");
        }
        // The latch's countDown/await order every callback's write before these reads.
        return Lateness.ofNanos(lateness);
    }
}
