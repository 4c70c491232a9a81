package io.muxlab.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.sys.NativeMemory;
import io.muxlab.core.timer.Await;
import io.muxlab.core.timer.TimerService;
import java.io.File;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the contract cannot ask of every facility but our loop promises: close gives back every
 * descriptor (epoll, eventfd, timerfds) and every byte of native memory, from any thread and from
 * a callback.
 */
final class LoopResourcesTest {

    @ParameterizedTest
    @ValueSource(strings = {TimerServices.FD_PER_TIMER, TimerServices.HEAP, TimerServices.WHEEL})
    void closeReleasesEveryDescriptorAndByte(String strategy) throws Exception {
        int fdsBefore = openDescriptors();
        long bytesBefore = NativeMemory.liveBytes();
        TimerService s = TimerServices.create(strategy);
        for (int i = 0; i < 100; i++) {
            s.schedule(Duration.ofMinutes(10).plusMillis(i), (t, n) -> { });
        }
        s.scheduleAtFixedRate(Duration.ofMillis(1), Duration.ofMillis(1), (t, n) -> { });
        CountDownLatch fired = new CountDownLatch(1);
        s.schedule(Duration.ZERO, (t, n) -> fired.countDown());
        Await.latch(fired);
        assertTrue(openDescriptors() > fdsBefore);
        s.close();
        assertEquals(fdsBefore, openDescriptors(), "descriptors left open");
        assertEquals(bytesBefore, NativeMemory.liveBytes(), "native memory left allocated");
    }

    @ParameterizedTest
    @ValueSource(strings = {TimerServices.FD_PER_TIMER, TimerServices.HEAP, TimerServices.WHEEL})
    void closeFromACallbackReleasesEveryDescriptorOnceItReturns(String strategy) throws Exception {
        int fdsBefore = openDescriptors();
        TimerService s = TimerServices.create(strategy);
        s.schedule(Duration.ofHours(1), (t, n) -> { });
        s.schedule(Duration.ZERO, (t, n) -> s.close());
        // The loop closes its descriptors once the callback has returned; there is no event to wait
        // on. (At most as many as before: the JVM may close a descriptor of its own meanwhile.)
        Await.condition(() -> openDescriptors() <= fdsBefore);
        s.close();
        assertTrue(openDescriptors() <= fdsBefore, "descriptors left open");
    }

    static int openDescriptors() {
        String[] entries = new File("/proc/self/fd").list();
        // list() itself holds one descriptor open while it reads the directory.
        return entries == null ? -1 : entries.length;
    }
}
