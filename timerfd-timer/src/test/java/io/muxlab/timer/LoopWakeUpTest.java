package io.muxlab.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.sys.Syscall;
import io.muxlab.core.timer.Await;
import io.muxlab.core.timer.TimerService;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our loop wakes only when something is due — the wheel included, since it is tickless: no
 * wake-up while empty or while every timer is far away, and at most one per distinct due tick
 * while sparse. Wake-ups are epoll_wait calls (process-wide; only this test's service makes them).
 */
final class LoopWakeUpTest {

    @ParameterizedTest
    @ValueSource(strings = {TimerServices.FD_PER_TIMER, TimerServices.HEAP, TimerServices.WHEEL})
    void noWakeUpsWhileNothingIsArmed(String strategy) throws Exception {
        try (TimerService s = TimerServices.create(strategy)) {
            fireOne(s);
            Await.condition(() -> s.activeTimers() == 0);
            assertEquals(0, quietestWindow(), "the loop woke up with nothing armed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TimerServices.FD_PER_TIMER, TimerServices.HEAP, TimerServices.WHEEL})
    void noWakeUpsWhileOnlyFarFutureTimersAreArmed(String strategy) throws Exception {
        try (TimerService s = TimerServices.create(strategy)) {
            for (int i = 0; i < 100; i++) {
                s.schedule(Duration.ofHours(1).plusSeconds(i), (t, n) -> { });
            }
            fireOne(s);
            assertEquals(0, quietestWindow(), "the loop woke up with nothing due");
        }
    }

    /**
     * Ten timers 30 ms apart, armed from this thread before the first is due: the loop wakes for
     * the hand-off, then once per timer (or fewer, if a slow machine lets two fall due together).
     * A ticking 1 ms wheel would wake about 300 times.
     */
    @ParameterizedTest
    @ValueSource(strings = {TimerServices.HEAP, TimerServices.WHEEL})
    void aSparseLoopWakesOncePerDistinctDueTick(String strategy) throws Exception {
        int timers = 10;
        try (TimerService s = TimerServices.create(strategy)) {
            fireOne(s);
            CountDownLatch fired = new CountDownLatch(timers);
            long before = Syscall.EPOLL_WAIT.calls();
            for (int i = 1; i <= timers; i++) {
                s.schedule(Duration.ofMillis(100 + 30L * i), (t, n) -> fired.countDown());
            }
            Await.latch(fired);
            long wakeUps = Syscall.EPOLL_WAIT.calls() - before;
            // One per timer, plus: the first schedule's hand-off, the wait after fireOne's callback
            // (it may start after 'before'), a late eventfd write that wakes one wait for nothing.
            assertTrue(wakeUps <= timers + 3, wakeUps + " wake-ups for " + timers + " due ticks");
        }
    }

    private static void fireOne(TimerService s) throws InterruptedException {
        CountDownLatch fired = new CountDownLatch(1);
        s.schedule(Duration.ZERO, (t, n) -> fired.countDown());
        Await.latch(fired);
    }

    /**
     * The fewest epoll_wait calls seen in a 200 ms window, trying a few windows: a loaded machine
     * may take a while to let the loop settle into its wait, but a loop that keeps waking up never
     * shows a quiet window. (Counting in a window is a lower bound, so timing cannot fail it falsely.)
     */
    private static long quietestWindow() throws InterruptedException {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 8 && fewest > 0; i++) {
            long before = Syscall.EPOLL_WAIT.calls();
            Thread.sleep(200);
            fewest = Math.min(fewest, Syscall.EPOLL_WAIT.calls() - before);
        }
        return fewest;
    }
}
