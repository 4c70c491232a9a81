package io.muxlab.timer.bench;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Firing lateness with many armed timers: arms {@code timers} one-shot timers with delays spread
 * at random over {@code spreadNanos} (after a 100 ms lead), then records for each how long after
 * its deadline its task ran. The deadline is taken just before the schedule call, so the figure
 * includes the facility's own scheduling path — a conservative measure. A facility that refuses a
 * timer (fd-per-timer out of descriptors) is measured with the timers it did take, and the
 * refusal is reported.
 */
public final class LatenessWorkload {
    private static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Latenesses in microseconds; {@code armed < requested} when the facility refused the rest. */
    public record Result(String peer, int requested, int armed, int fired, double p50Micros, double p99Micros,
            double maxMicros, String refusal) {
    }

    private LatenessWorkload() {
    }

    public static Result run(PeerTimers peer, int timers, long spreadNanos, long seed) throws InterruptedException {
        long[] deadlines = new long[timers];
        long[] lateness = new long[timers];
        Random random = new Random(seed);
        CountDownLatch fired = new CountDownLatch(timers);
        int armed = 0;
        String refusal = "";
        for (; armed < timers; armed++) {
            int i = armed;
            long delay = LEAD_NANOS + (long) (random.nextDouble() * spreadNanos);
            deadlines[i] = System.nanoTime() + delay;
            try {
                peer.schedule(delay, () -> {
                    lateness[i] = System.nanoTime() - deadlines[i];
                    fired.countDown();
                });
            } catch (RuntimeException e) {
                refusal = String.valueOf(e.getMessage());
                break;
            }
        }
        for (int i = armed; i < timers; i++) {
            fired.countDown();
        }
        fired.await(LEAD_NANOS + spreadNanos + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS);
        int count = timers - (int) fired.getCount() - (timers - armed);
        long[] sorted = Arrays.copyOf(lateness, armed);
        Arrays.sort(sorted);
        return new Result(peer.name(), timers, armed, count, percentile(sorted, 0.50), percentile(sorted, 0.99),
                armed == 0 ? 0 : sorted[armed - 1] / 1e3, refusal);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.ceil(p * sorted.length) - 1] / 1e3;
    }
}
