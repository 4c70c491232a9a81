package io.muxlab.core.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Reschedule: a new deadline for a live or finished timer, one-shot to periodic and back. */
public interface RescheduleContract extends ServiceUnderTest {

    @Test
    default void rescheduleMovesALiveTimerToItsNewDeadline() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        AtomicLong firedAt = new AtomicLong();
        Timer timer = service().schedule(Duration.ofMillis(30), (t, n) -> {
            firedAt.set(System.nanoTime());
            fired.countDown();
        });
        long rescheduledAt = System.nanoTime();
        timer.reschedule(Duration.ofMillis(300), Duration.ZERO);
        Await.latch(fired);
        assertTrue(firedAt.get() - rescheduledAt >= TimeUnit.MILLISECONDS.toNanos(300), "fired at the old deadline");
        assertEquals(1, timer.expirations());
        assertEquals(0, service().activeTimers());
    }

    @Test
    default void rescheduleTurnsOneShotIntoPeriodicAndBack() throws Exception {
        AtomicLong calls = new AtomicLong();
        CountDownLatch threeCalls = new CountDownLatch(3);
        Timer timer = service().schedule(Duration.ofHours(1), (t, n) -> {
            calls.incrementAndGet();
            threeCalls.countDown();
        });
        timer.reschedule(Duration.ofMillis(5), Duration.ofMillis(5));
        assertEquals(Duration.ofMillis(5), timer.period());
        Await.latch(threeCalls);

        timer.reschedule(Duration.ofMillis(300), Duration.ZERO);
        long callsAtReschedule = calls.get();
        assertEquals(Duration.ZERO, timer.period());
        assertTrue(timer.isActive());
        Sentinel.passes(service(), Duration.ofMillis(300));
        // One periodic call may have been under way when reschedule was called; then exactly one more.
        long after = calls.get() - callsAtReschedule;
        assertTrue(after == 1 || after == 2, "one-shot after periodic fired " + after + " times");
        assertEquals(1, timer.expirations(), "the count starts again at reschedule");
        assertEquals(0, service().activeTimers());
    }

    @Test
    default void rescheduleFromInsideTheCallbackAndOfAFinishedTimer() throws Exception {
        CountDownLatch twice = new CountDownLatch(2);
        Timer timer = service().schedule(Duration.ofMillis(5), (t, n) -> {
            twice.countDown();
            if (twice.getCount() == 1) {
                t.reschedule(Duration.ofMillis(5), Duration.ZERO);
            }
        });
        Await.latch(twice);
        Await.condition(() -> !timer.isActive());

        CountDownLatch third = new CountDownLatch(1);
        Timer revived = service().schedule(Duration.ofHours(1), (t, n) -> third.countDown());
        revived.cancel();
        revived.reschedule(Duration.ofMillis(1), Duration.ZERO);
        Await.latch(third);
        assertEquals(1, revived.expirations());
        assertThrows(IllegalArgumentException.class, () -> timer.reschedule(Duration.ZERO, Duration.ofMillis(-1)));
    }
}
