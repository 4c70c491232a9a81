package io.muxlab.core.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One-shot timers: when they fire, how often, in which order, and what a handle says meanwhile. */
public interface OneShotContract extends ServiceUnderTest {

    @Test
    default void oneShotFiresOnceNoEarlierThanItsDelay() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        AtomicLong firedAt = new AtomicLong();
        AtomicLong counts = new AtomicLong();
        long before = System.nanoTime();
        Timer timer = service().schedule(Duration.ofMillis(50), (t, n) -> {
            firedAt.set(System.nanoTime());
            counts.addAndGet(n);
            fired.countDown();
        });
        assertTrue(timer.isActive());
        assertEquals(Duration.ZERO, timer.period());
        Await.latch(fired);
        assertTrue(firedAt.get() - before >= TimeUnit.MILLISECONDS.toNanos(50), "fired before its delay");
        Sentinel.passes(service(), Duration.ZERO);
        assertEquals(1, counts.get(), "fired again");
        assertEquals(1, timer.expirations());
        assertFalse(timer.isActive());
        assertEquals(Duration.ZERO, timer.remaining());
        assertFalse(timer.cancel(), "cancel after firing reports nothing stopped");
        assertEquals(0, service().activeTimers());
    }

    @Test
    default void zeroAndNegativeDelaysFireAsSoonAsPossible() throws Exception {
        CountDownLatch fired = new CountDownLatch(2);
        service().schedule(Duration.ZERO, (t, n) -> fired.countDown());
        service().schedule(Duration.ofSeconds(-5), (t, n) -> fired.countDown());
        Await.latch(fired);
    }

    @Test
    default void timersFireInDeadlineOrder() throws Exception {
        List<Integer> order = new ArrayList<>();
        CountDownLatch fired = new CountDownLatch(3);
        service().schedule(Duration.ofMillis(150), (t, n) -> record(order, 3, fired));
        service().schedule(Duration.ofMillis(10), (t, n) -> record(order, 1, fired));
        service().schedule(Duration.ofMillis(80), (t, n) -> record(order, 2, fired));
        Await.latch(fired);
        synchronized (order) {
            assertEquals(List.of(1, 2, 3), order);
        }
    }

    @Test
    default void remainingCountsDownToTheDeadline() {
        Timer timer = service().schedule(Duration.ofSeconds(10), (t, n) -> { });
        Duration left = timer.remaining();
        assertTrue(left.compareTo(Duration.ofSeconds(10)) <= 0 && left.compareTo(Duration.ofSeconds(5)) > 0, left.toString());
        Timer periodic = service().scheduleAtFixedRate(Duration.ofSeconds(20), Duration.ofSeconds(1), (t, n) -> { });
        assertTrue(periodic.remaining().compareTo(Duration.ofSeconds(15)) > 0);
        assertEquals(2, service().activeTimers());
        timer.cancel();
        assertEquals(Duration.ZERO, timer.remaining());
        assertThrows(IllegalArgumentException.class,
                () -> service().scheduleAtFixedRate(Duration.ZERO, Duration.ZERO, (t, n) -> { }));
    }

    @Test
    default void aThrowingCallbackDoesNotStopTheService() throws Exception {
        CountDownLatch threw = new CountDownLatch(1);
        CountDownLatch later = new CountDownLatch(1);
        service().schedule(Duration.ZERO, (t, n) -> {
            threw.countDown();
            throw new IllegalStateException("thrown on purpose by a test: the service logs it and goes on");
        });
        Await.latch(threw);
        service().schedule(Duration.ofMillis(5), (t, n) -> later.countDown());
        Await.latch(later);
    }

    private static void record(List<Integer> order, int value, CountDownLatch fired) {
        synchronized (order) {
            order.add(value);
        }
        fired.countDown();
    }
}
