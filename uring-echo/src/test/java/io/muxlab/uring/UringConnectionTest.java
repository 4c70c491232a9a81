package io.muxlab.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.sys.NativeMemory;
import org.junit.jupiter.api.Test;

class UringConnectionTest {

    @Test
    void theBufferDoublesOnlyWhenARecvFillsItAndNeverBeyondTheLimit() {
        long before = NativeMemory.liveBytes();
        int limit = 40 * 1024;
        try (UringConnection c = new UringConnection(3, limit)) {
            assertEquals(UringConnection.INITIAL_SIZE, c.bufferSize());
            c.received(100);
            c.growIfFilled();
            assertEquals(UringConnection.INITIAL_SIZE, c.bufferSize(), "a small message does not grow it");
            c.received(c.bufferSize());
            c.growIfFilled();
            assertEquals(2 * UringConnection.INITIAL_SIZE, c.bufferSize(), "a full recv doubles it");
            c.received(c.bufferSize());
            c.growIfFilled();
            assertEquals(limit, c.bufferSize(), "up to the limit");
            c.received(c.bufferSize());
            c.growIfFilled();
            assertEquals(limit, c.bufferSize(), "and no further");
        }
        assertEquals(before, NativeMemory.liveBytes());
    }

    @Test
    void aShortSendLeavesTheRestToSendFromWhereItStopped() {
        try (UringConnection c = new UringConnection(3, 1024)) {
            assertEquals(1024, c.bufferSize(), "a limit below the initial size is the size");
            c.received(1000);
            assertFalse(c.sent(300));
            assertEquals(c.bufferAddress() + 300, c.unsentAddress());
            assertEquals(700, c.unsentLength());
            assertTrue(c.sent(700));
        }
    }
}
