package io.muxlab.timer;

import static io.muxlab.timer.LoopResourcesTest.openDescriptors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.sys.NativeMemory;
import io.muxlab.core.sys.Proc;
import io.muxlab.core.timer.Timer;
import io.muxlab.core.timer.TimerService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * fd-per-timer under a low RLIMIT_NOFILE (lowered in this JVM for the length of the test, then
 * restored): it refuses the timer it has no descriptor for, says why and what to use instead,
 * keeps serving the timers it has, and leaks nothing.
 */
final class FdPerTimerLimitTest {

    @Test
    void refusesTimersBeyondTheDescriptorLimitAndLeaksNothing() throws Exception {
        int fdsBefore = openDescriptors();
        long bytesBefore = NativeMemory.liveBytes();
        Proc.FileLimit original = Proc.openFileLimit();
        TimerService service = TimerServices.fdPerTimer();
        List<Timer> timers = new ArrayList<>();
        IllegalStateException refused = null;
        Timer afterCancel = null;
        try {
            Proc.setOpenFileLimit(fdsBefore + 40, original.hard());
            for (int i = 0; i < 200 && refused == null; i++) {
                try {
                    timers.add(service.schedule(Duration.ofHours(1), (t, n) -> { }));
                } catch (IllegalStateException e) {
                    refused = e;
                }
            }
            // Cancelling one gives its descriptor back (the loop closes it), so a new timer fits again.
            timers.get(0).cancel();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (afterCancel == null && System.nanoTime() < end) {
                try {
                    afterCancel = service.schedule(Duration.ofHours(1), (t, n) -> { });
                } catch (IllegalStateException e) {
                    Thread.sleep(5);
                }
            }
        } finally {
            Proc.setOpenFileLimit(original.soft(), original.hard());
        }
        assertNotNull(refused, "no refusal with 200 timers under a limit of " + (fdsBefore + 40));
        String message = refused.getMessage();
        assertTrue(message.contains("RLIMIT_NOFILE") && message.contains("EMFILE"), message);
        assertTrue(message.contains("heap") && message.contains("wheel"), message);
        assertTrue(timers.size() >= 10, "only " + timers.size() + " timers before the refusal");
        assertNotNull(afterCancel, "the descriptor of a cancelled timer was not given back");
        assertEquals(timers.size(), service.activeTimers(), "the refused timer must not count");

        service.close();
        assertEquals(fdsBefore, openDescriptors(), "descriptors left open");
        assertEquals(bytesBefore, NativeMemory.liveBytes(), "native memory left allocated");
    }
}
