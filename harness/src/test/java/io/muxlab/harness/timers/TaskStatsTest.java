package io.muxlab.harness.timers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TaskStatsTest {
    @Test
    void readsTheKernelsCountersOfOneThread() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "taskstats-test-thread");
        t.start();
        try {
            started.await();
            TaskStats.Sample s = TaskStats.find("taskstats-test-thread").sample();
            assertTrue(s.wakeUps() >= 0 && s.cpuNanos() >= 0, s.toString());
        } finally {
            release.countDown();
            t.join();
        }
        assertThrows(IOException.class, () -> TaskStats.find("no-such-thread"));
    }

    @Test
    void parsesStatusAndKeepsFifteenBytesOfAName() {
        assertEquals(18, TaskStats.voluntarySwitches("Name:\tx\nThreads:\t1\nvoluntary_ctxt_switches:\t18\n"
                + "nonvoluntary_ctxt_switches:\t400\n"));
        assertEquals("timers-fd-per-t", TaskStats.comm("timers-fd-per-timer"));
        assertEquals("timers-heap", TaskStats.comm("timers-heap"));
    }
}
