package io.muxlab.core.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many threads at once: every timer fires once, no wake-up is lost, close returns under churn. */
public interface ThreadsContract extends ServiceUnderTest {

    @Test
    default void schedulingFromManyThreadsFiresEveryTimerOnce() throws Exception {
        int threads = 4;
        int perThread = 250;
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(threads * perThread);
        List<Thread> schedulers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread th = new Thread(() -> {
                for (int k = 0; k < perThread; k++) {
                    service().schedule(Duration.ofMillis(k % 20), (t, n) -> {
                        calls.incrementAndGet();
                        all.countDown();
                    });
                }
            });
            th.start();
            schedulers.add(th);
        }
        for (Thread th : schedulers) {
            th.join(TimeUnit.SECONDS.toMillis(Await.PATIENCE_SECONDS));
        }
        Await.latch(all);
        Sentinel.passes(service(), Duration.ofMillis(20));
        assertEquals(threads * perThread, calls.get());
        assertEquals(0, service().activeTimers());
    }

    @Test
    default void noWakeUpIsLostUnderChurnFromOtherThreads() throws Exception {
        for (int round = 0; round < 10; round++) {
            List<Thread> churners = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                Thread th = new Thread(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        service().schedule(Duration.ofHours(1), (t, n) -> { }).cancel();
                    }
                });
                th.start();
                churners.add(th);
            }
            for (Thread th : churners) {
                th.join(TimeUnit.SECONDS.toMillis(Await.PATIENCE_SECONDS));
            }
            CountDownLatch fired = new CountDownLatch(1);
            service().schedule(Duration.ZERO, (t, n) -> fired.countDown());
            Await.latch(fired);
        }
        assertEquals(0, service().activeTimers());
    }

    @Test
    default void closeReturnsWhileOtherThreadsKeepSchedulingAndCancelling() throws Exception {
        for (int round = 0; round < 20; round++) {
            TimerService s = create();
            AtomicBoolean stop = new AtomicBoolean();
            Thread churn = new Thread(() -> {
                try {
                    for (int i = 0; i < 200_000 && !stop.get(); i++) {
                        s.schedule(Duration.ofMillis(i % 50), (t, n) -> { }).cancel();
                    }
                } catch (IllegalStateException closed) {
                    // the service closed under us: expected
                }
            });
            churn.start();
            Thread.sleep(round % 5); // varies where in the churn the close lands; nothing depends on it
            Thread closer = new Thread(s::close);
            closer.start();
            closer.join(TimeUnit.SECONDS.toMillis(Await.PATIENCE_SECONDS));
            stop.set(true);
            churn.join(TimeUnit.SECONDS.toMillis(Await.PATIENCE_SECONDS));
            assertFalse(closer.isAlive(), "close() did not return (round " + round + ")");
            assertEquals(0, s.activeTimers());
        }
    }
}
