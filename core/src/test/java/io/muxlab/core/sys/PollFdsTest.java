package io.muxlab.core.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PollFdsTest {

    @Test
    void growsByDoublingAndKeepsEntries() {
        try (PollFds fds = new PollFds(1)) {
            for (int i = 0; i < 100; i++) {
                assertEquals(i, fds.add(1000 + i, Poll.POLLIN));
            }
            assertEquals(100, fds.count());
            for (int i = 0; i < 100; i++) {
                assertEquals(1000 + i, fds.fd(i));
                assertEquals(Poll.POLLIN, fds.events(i));
            }
        }
    }

    @Test
    void removeMovesTheLastEntryIntoTheHole() {
        try (PollFds fds = new PollFds(4)) {
            fds.add(10, Poll.POLLIN);
            fds.add(11, Poll.POLLOUT);
            fds.add(12, Poll.POLLIN | Poll.POLLOUT);
            assertEquals(12, fds.removeAt(0), "fd 12 moved into slot 0");
            assertEquals(12, fds.fd(0));
            assertEquals(Poll.POLLIN | Poll.POLLOUT, fds.events(0));
            assertEquals(2, fds.count());
            assertEquals(-1, fds.removeAt(1), "removing the last entry moves nothing");
            assertEquals(1, fds.count());
            assertThrows(IndexOutOfBoundsException.class, () -> fds.removeAt(1));
        }
    }
}
