package io.muxlab.core.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Fixed-rate timers: repeat until cancelled, report missed expirations as a count, stop from inside. */
public interface PeriodicContract extends ServiceUnderTest {

    @Test
    default void periodicTimerFiresRepeatedlyUntilCancelled() throws Exception {
        AtomicLong total = new AtomicLong();
        CountDownLatch fiveTimes = new CountDownLatch(5);
        long before = System.nanoTime();
        AtomicLong first = new AtomicLong();
        Timer timer = service().scheduleAtFixedRate(Duration.ofMillis(30), Duration.ofMillis(10), (t, n) -> {
            first.compareAndSet(0, System.nanoTime());
            total.addAndGet(n);
            for (long i = 0; i < n; i++) {
                fiveTimes.countDown();
            }
        });
        assertEquals(Duration.ofMillis(10), timer.period());
        Await.latch(fiveTimes);
        assertTrue(first.get() - before >= TimeUnit.MILLISECONDS.toNanos(30), "first expiration before the initial delay");
        assertTrue(timer.isActive());
        assertTrue(timer.cancel());
        assertFalse(timer.isActive());
        long atCancel = total.get();
        Sentinel.passes(service(), Duration.ofMillis(30)); // three more periods
        assertEquals(atCancel, total.get(), "fired after cancel");
        assertEquals(atCancel, timer.expirations(), "every expiration reached a callback");
        assertEquals(0, service().activeTimers());
    }

    @Test
    default void overrunsOfABlockedServiceAreReportedAsACount() throws Exception {
        AtomicLong maxCount = new AtomicLong();
        AtomicLong total = new AtomicLong();
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch overrunSeen = new CountDownLatch(1);
        Timer periodic = service().scheduleAtFixedRate(Duration.ofMillis(5), Duration.ofMillis(10), (t, n) -> {
            total.addAndGet(n);
            maxCount.accumulateAndGet(n, Math::max);
            if (n >= 2) {
                overrunSeen.countDown();
            }
        });
        service().schedule(Duration.ofMillis(20), (t, n) -> {
            Await.sleep(150); // holds the service's thread for 15 periods
            blocked.countDown();
        });
        Await.latch(blocked);
        Await.latch(overrunSeen);
        periodic.cancel();
        assertTrue(maxCount.get() >= 2, "missed expirations were not reported");
        assertEquals(total.get(), periodic.expirations(), "an expiration was dropped");
    }

    @Test
    default void aPeriodicTimerCanCancelItselfFromItsCallback() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch cancelled = new CountDownLatch(1);
        service().scheduleAtFixedRate(Duration.ofMillis(5), Duration.ofMillis(5), (t, n) -> {
            if (calls.incrementAndGet() == 3) {
                assertTrue(t.cancel());
                cancelled.countDown();
            }
        });
        Await.latch(cancelled);
        Sentinel.passes(service(), Duration.ofMillis(15));
        assertEquals(3, calls.get());
        assertEquals(0, service().activeTimers());
    }

    @Test
    default void cancelWhileTheCallbackRunsStopsEveryLaterCall() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch inCallback = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Timer timer = service().scheduleAtFixedRate(Duration.ofMillis(5), Duration.ofMillis(5), (t, n) -> {
            calls.incrementAndGet();
            inCallback.countDown();
            Await.quietly(release);
        });
        Await.latch(inCallback);
        assertTrue(timer.isActive(), "a periodic timer is live while its callback runs");
        assertTrue(timer.cancel(), "cancel during the callback stops a live timer");
        release.countDown();
        Sentinel.passes(service(), Duration.ofMillis(15));
        assertEquals(1, calls.get(), "called again after cancel returned");
    }
}
