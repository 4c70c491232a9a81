package io.muxlab.core.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Every binding object gives back its descriptor and its native memory when closed. */
class ResourceReleaseTest {

    @RepeatedTest(3)
    void everyBindingObjectReleasesFdsAndMemory() {
        long fdsBefore = ProcFs.kernelObjects();
        long bytesBefore = NativeMemory.liveBytes();

        Epoll epoll = new Epoll(64);
        TimerFd timer = new TimerFd(TimerFd.Clock.MONOTONIC);
        EventFd wake = new EventFd();
        Select select = new Select();
        FdSet set = new FdSet();
        PollFds pollFds = new PollFds(2);
        int listener = Sockets.listen("127.0.0.1", 0, 4);
        int[] pipe = Fds.pipe();
        for (int i = 0; i < 10; i++) {
            pollFds.add(i, Poll.POLLIN);
        }
        assertTrue(ProcFs.kernelObjects() >= fdsBefore + 6, "the objects hold descriptors");
        assertTrue(NativeMemory.liveBytes() > bytesBefore, "and native memory");

        epoll.close();
        timer.close();
        wake.close();
        select.close();
        set.close();
        pollFds.close();
        Fds.close(listener);
        Fds.close(pipe[0]);
        Fds.close(pipe[1]);
        epoll.close(); // closing twice is harmless
        timer.close();

        assertEquals(fdsBefore, ProcFs.kernelObjects(), "descriptors released (sockets, pipes, epoll/timerfd/eventfd)");
        assertEquals(bytesBefore, NativeMemory.liveBytes(), "native memory released");
    }

    @Test
    void nativeMemoryGrowKeepsContentAndZeroesTheTail() {
        long before = NativeMemory.liveBytes();
        try (NativeMemory m = NativeMemory.allocate(8)) {
            m.pointer().putLong(0, 0x0102030405060708L);
            m.grow(4096);
            assertEquals(0x0102030405060708L, m.pointer().getLong(0));
            assertEquals(0L, m.pointer().getLong(4088));
            assertEquals(before + 4096, NativeMemory.liveBytes());
        }
        assertEquals(before, NativeMemory.liveBytes());
    }
}
