package io.muxlab.core.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The same readiness, a socketpair with and without data, seen through select, poll and epoll. */
class ReadinessTest {
    private int[] pair;
    private NativeMemory buf;

    @BeforeEach
    void open() {
        pair = TestSockets.socketPair();
        buf = NativeMemory.allocate(64);
    }

    @AfterEach
    void close() {
        Fds.closeQuietly(pair[0]);
        Fds.closeQuietly(pair[1]);
        buf.close();
    }

    private void sendOneByte() {
        buf.pointer().putByte(0, (byte) 42);
        assertEquals(1, Fds.write(pair[1], buf.address(), 1));
    }

    @Test
    void select() {
        int fd = pair[0];
        try (Select select = new Select(); FdSet read = new FdSet(); FdSet write = new FdSet()) {
            read.set(fd);
            assertEquals(0, select.select(fd + 1, read, null, 0), "nothing to read yet");
            assertFalse(read.isSet(fd), "select clears the bits of descriptors that are not ready");

            read.set(fd);
            write.set(fd);
            assertEquals(1, select.select(fd + 1, read, write, 0));
            assertTrue(write.isSet(fd), "an empty socket buffer is writable");
            assertFalse(read.isSet(fd));

            sendOneByte();
            read.set(fd);
            assertEquals(1, select.select(fd + 1, read, null, 1_000_000));
            assertTrue(read.isSet(fd));
        }
    }

    @Test
    void poll() {
        try (PollFds fds = new PollFds(2)) {
            fds.add(pair[0], Poll.POLLIN);
            assertEquals(0, Poll.poll(fds, 0));
            assertEquals(0, fds.revents(0));

            sendOneByte();
            assertEquals(1, Poll.poll(fds, 1000));
            assertEquals(Poll.POLLIN, fds.revents(0) & Poll.POLLIN);

            fds.setEvents(0, Poll.POLLOUT);
            assertEquals(1, Poll.poll(fds, 0));
            assertEquals(Poll.POLLOUT, fds.revents(0));
        }
    }

    @Test
    void pollReportsHangupWhenThePeerCloses() {
        try (PollFds fds = new PollFds(1)) {
            fds.add(pair[0], Poll.POLLIN);
            Fds.close(pair[1]);
            pair[1] = -1;
            assertEquals(1, Poll.poll(fds, 1000));
            assertTrue((fds.revents(0) & (Poll.POLLHUP | Poll.POLLIN)) != 0);
            assertEquals(0, Fds.read(pair[0], buf.address(), 64), "end of stream");
        }
    }

    @Test
    void epoll() {
        try (Epoll epoll = new Epoll(8)) {
            epoll.add(pair[0], Epoll.EPOLLIN, pair[0]);
            assertEquals(0, epoll.wait(0));

            sendOneByte();
            assertEquals(1, epoll.wait(1000));
            assertEquals(Epoll.EPOLLIN, epoll.events(0));
            assertEquals(pair[0], epoll.data(0));

            epoll.modify(pair[0], Epoll.EPOLLOUT, pair[0]);
            assertEquals(1, epoll.wait(0));
            assertEquals(Epoll.EPOLLOUT, epoll.events(0));

            epoll.delete(pair[0]);
            assertEquals(0, epoll.wait(0));
        }
    }

    @Test
    void edgeTriggeredEpollReportsAChangeOnce() {
        try (Epoll epoll = new Epoll(8)) {
            epoll.add(pair[0], Epoll.EPOLLIN | Epoll.EPOLLET, 7);
            sendOneByte();
            assertEquals(1, epoll.wait(1000));
            assertEquals(0, epoll.wait(0), "no new edge while the byte is still unread");
            sendOneByte();
            assertEquals(1, epoll.wait(1000), "new data is a new edge");
        }
    }
}
