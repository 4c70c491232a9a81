package io.muxlab.core.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Cancel: stops a timer before it fires, once, whichever of many racing threads calls it. */
public interface CancelContract extends ServiceUnderTest {

    @Test
    default void cancelBeforeFiringStopsItAndIsIdempotent() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Timer timer = service().schedule(Duration.ofMillis(100), (t, n) -> calls.incrementAndGet());
        assertEquals(1, service().activeTimers());
        assertTrue(timer.cancel());
        assertFalse(timer.cancel());
        assertFalse(timer.isActive());
        assertEquals(Duration.ZERO, timer.remaining());
        assertEquals(0, service().activeTimers());
        Sentinel.passes(service(), Duration.ofMillis(100));
        assertEquals(0, calls.get(), "a cancelled timer fired");
    }

    @Test
    default void exactlyOneOfManyRacingCancelsWins() throws Exception {
        Timer timer = service().schedule(Duration.ofSeconds(60), (t, n) -> { });
        int threads = 4;
        CyclicBarrier go = new CyclicBarrier(threads);
        AtomicInteger wins = new AtomicInteger();
        List<Thread> cancellers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread th = new Thread(() -> {
                try {
                    go.await(Await.PATIENCE_SECONDS, TimeUnit.SECONDS);
                    if (timer.cancel()) {
                        wins.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            th.start();
            cancellers.add(th);
        }
        for (Thread th : cancellers) {
            th.join(TimeUnit.SECONDS.toMillis(Await.PATIENCE_SECONDS));
        }
        assertEquals(1, wins.get());
        assertEquals(0, service().activeTimers());
    }
}
