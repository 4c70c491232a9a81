package io.muxlab.core.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Close: cancels every timer, refuses new ones, is idempotent, and works from a callback. */
public interface CloseContract extends ServiceUnderTest {

    @Test
    default void closeCancelsEveryTimerAndRefusesNewOnes() throws Exception {
        TimerService s = create();
        List<Timer> timers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            timers.add(s.schedule(Duration.ofMinutes(10).plusMillis(i), (t, n) -> { }));
        }
        timers.add(s.scheduleAtFixedRate(Duration.ofMillis(1), Duration.ofMillis(1), (t, n) -> { }));
        CountDownLatch fired = new CountDownLatch(1);
        s.schedule(Duration.ZERO, (t, n) -> fired.countDown());
        Await.latch(fired);
        s.close();
        s.close();
        assertEquals(0, s.activeTimers());
        for (Timer t : timers) {
            assertFalse(t.isActive());
            assertFalse(t.cancel(), "close cancelled it already");
        }
        assertThrows(IllegalStateException.class, () -> s.schedule(Duration.ZERO, (t, n) -> { }));
        assertThrows(IllegalStateException.class, () -> timers.get(0).reschedule(Duration.ZERO, Duration.ZERO));
    }

    @Test
    default void closeFromACallbackStopsTheServiceOnceItReturns() throws Exception {
        TimerService s = create();
        Timer far = s.schedule(Duration.ofHours(1), (t, n) -> { });
        CountDownLatch closed = new CountDownLatch(1);
        s.schedule(Duration.ZERO, (t, n) -> {
            s.close();
            closed.countDown();
        });
        Await.latch(closed);
        Await.condition(() -> !far.isActive());
        s.close();
        assertEquals(0, s.activeTimers());
        assertThrows(IllegalStateException.class, () -> s.schedule(Duration.ZERO, (t, n) -> { }));
    }
}
