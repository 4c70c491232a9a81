package io.muxlab.harness.timers;

import io.muxlab.core.timer.TimerCallback;
import io.muxlab.core.timer.TimerService;
import io.muxlab.harness.measure.Heap;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Heap retained per live timer, measured as the delay-queue section measures its tasks: heap in
 * use after a full GC with {@code timers} timers an hour away, minus before, divided by the count.
 * The caller keeps no handle and every timer shares one callback, so what is counted is what the
 * facility itself keeps alive per timer: for ours the handle and its place in the structure, for
 * the peers their task plus our adapter's handle ({@link ChainedTimer}), which a user of core's
 * contract keeps too. Kernel memory (fd-per-timer's timerfds) is not on the heap and not counted.
 */
final class HeapWorkload {
    private static final TimerCallback NOTHING = (t, n) -> { };
    private static final Duration FAR_AWAY = Duration.ofHours(1);

    private HeapWorkload() {
    }

    static double bytesPerTimer(TimerService service, int timers) throws InterruptedException {
        caughtUp(service); // the facility's thread and structures exist before the first figure
        long before = Heap.usedAfterGc();
        for (int i = 0; i < timers; i++) {
            service.schedule(FAR_AWAY.plusNanos(i), NOTHING);
        }
        caughtUp(service);
        long after = Heap.usedAfterGc();
        if (service.activeTimers() != timers) {
            throw new IllegalStateException(service.name() + " holds " + service.activeTimers() + " of " + timers + " timers");
        }
        return (after - before) / (double) timers;
    }

    /** Waits until the facility's thread has placed every timer handed to it (they are placed in order). */
    private static void caughtUp(TimerService service) throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        service.schedule(Duration.ZERO, (t, n) -> ran.countDown());
        if (!ran.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(service.name() + " did not catch up within 60 s");
        }
    }
}
