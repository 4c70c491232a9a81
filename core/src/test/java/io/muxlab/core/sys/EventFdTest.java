package io.muxlab.core.sys;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventFdTest {

    @Test
    void signalFromAnotherThreadWakesABlockedEpollWait() throws InterruptedException {
        try (EventFd wake = new EventFd(); Epoll epoll = new Epoll(1)) {
            epoll.add(wake.fd(), Epoll.EPOLLIN, 99);
            Thread signaller = new Thread(() -> {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                wake.signal();
            });
            signaller.start();
            // wait returns 0 for EINTR too (io_uring task work left by another test in this thread can
            // interrupt a wait), so wait again until woken; the 10 s bound is only a guard.
            long deadline = System.nanoTime() + 10_000_000_000L;
            int ready = 0;
            while (ready == 0 && System.nanoTime() < deadline) {
                ready = epoll.wait(10_000);
            }
            assertEquals(1, ready, "woken, not timed out");
            assertEquals(99, epoll.data(0));
            assertEquals(1, wake.drain());
            assertEquals(0, wake.drain(), "drained");
            signaller.join();
        }
    }

    @Test
    void signalsAddUpUntilDrained() {
        try (EventFd wake = new EventFd()) {
            wake.signal();
            wake.signal();
            wake.signal();
            assertEquals(3, wake.drain());
        }
    }

    @Test
    void signalAfterCloseIsHarmless() {
        long before = ProcFs.kernelObjects();
        EventFd wake = new EventFd();
        wake.close();
        assertDoesNotThrow(wake::signal, "a late signal after close is dropped, not written to a stale fd");
        assertDoesNotThrow(wake::close);
        assertEquals(before, ProcFs.kernelObjects());
    }
}
