package io.muxlab.core.timer;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Proves that a timer did not fire without sleeping: a one-shot sentinel due well after the
 * timer's deadline fires, and because a service runs its callbacks one at a time in deadline
 * order, the timer's callback would have run before the sentinel's. Reading a test's counters
 * after {@link #passes} is safe: the sentinel's callback ran after the others on the same thread,
 * and the latch hands its view to the test thread.
 */
public final class Sentinel {
    /** More than a wheel's tick (Netty's and ours: 1 ms), so the sentinel falls in a later one. */
    public static final Duration MARGIN = Duration.ofMillis(50);

    private Sentinel() {
    }

    /** Schedules a sentinel {@code delay} from now (plus {@link #MARGIN}) and waits until it has fired. */
    public static void passes(TimerService service, Duration delay) throws InterruptedException {
        CountDownLatch fired = new CountDownLatch(1);
        service.schedule(delay.plus(MARGIN), (t, n) -> fired.countDown());
        Await.latch(fired);
    }
}
