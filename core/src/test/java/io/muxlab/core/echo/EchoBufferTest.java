package io.muxlab.core.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.sys.Fds;
import io.muxlab.core.sys.NativeMemory;
import io.muxlab.core.sys.TestSockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ring buffer moves bytes the way the loop does, with read(2) and write(2) through a socket
 * pair, and must hand them back in order across wrap-around and growth, and stop at its limit.
 */
class EchoBufferTest {
    private static final int LIMIT = 40 * 1024;

    private long liveBytes;
    private int[] in;
    private int[] out;
    private NativeMemory scratch;
    private long produced;
    private long consumed;

    @BeforeEach
    void setUp() {
        liveBytes = NativeMemory.liveBytes();
        in = TestSockets.socketPair();
        out = TestSockets.socketPair();
        scratch = NativeMemory.allocate(64 * 1024);
    }

    @AfterEach
    void tearDown() {
        scratch.close();
        for (int fd : new int[] {in[0], in[1], out[0], out[1]}) {
            Fds.close(fd);
        }
        assertEquals(liveBytes, NativeMemory.liveBytes());
    }

    @Test
    void keepsBytesInOrderAcrossWrapAndGrowthAndStopsAtTheLimit() {
        try (EchoBuffer buffer = new EchoBuffer(LIMIT)) {
            assertEquals(EchoBuffer.INITIAL_CAPACITY, buffer.capacity());
            fill(buffer, 10 * 1024);
            drain(buffer, 6 * 1024);
            // 4 KiB at offset 6 KiB: filling to 16 KiB wraps around the end of the ring.
            fill(buffer, 12 * 1024);
            assertEquals(16 * 1024, buffer.pending());
            assertEquals(EchoBuffer.INITIAL_CAPACITY, buffer.capacity(), "no growth before the ring is full");
            // Full and wrapped: the next read grows (unwrapping) instead of overwriting.
            fill(buffer, 1);
            assertEquals(32 * 1024, buffer.capacity());
            fill(buffer, LIMIT - buffer.pending());
            assertEquals(LIMIT, buffer.capacity(), "growth stops at the limit, not at the next power of two");
            assertTrue(buffer.full());
            drain(buffer, 5 * 1024);
            assertFalse(buffer.full());
            fill(buffer, 5 * 1024);
            drain(buffer, buffer.pending());
            assertEquals(0, buffer.pending());
            assertEquals(produced, consumed);
        }
    }

    @Test
    void aLimitBelowTheInitialCapacityIsTheCapacity() {
        try (EchoBuffer buffer = new EchoBuffer(100)) {
            assertEquals(100, buffer.capacity());
            fill(buffer, 100);
            assertTrue(buffer.full());
            drain(buffer, 100);
        }
    }

    @Test
    void holdsABlockOnlyWhileBytesWaitAndTakesThePoolsSpareOne() {
        try (BlockPool pool = new BlockPool(EchoBuffer.INITIAL_CAPACITY, 4)) {
            long before = NativeMemory.liveBytes();
            try (EchoBuffer buffer = new EchoBuffer(LIMIT, pool)) {
                assertFalse(buffer.holdsMemory(), "a connection that has sent nothing holds no block");
                assertEquals(before, NativeMemory.liveBytes());
                buffer.filled(0);
                fill(buffer, 100);
                assertTrue(buffer.holdsMemory());
                drain(buffer, 100);
                assertFalse(buffer.holdsMemory(), "emptied by a write: the block is back in the pool");
                assertEquals(1, pool.idle());
                fill(buffer, 100);
                assertEquals(0, pool.idle(), "the next read takes the spare block");
                assertEquals(before + EchoBuffer.INITIAL_CAPACITY, NativeMemory.liveBytes(), "and allocates nothing new");
                drain(buffer, 100);
                // A ring grown past one block goes back to the C allocator, not to the pool.
                fill(buffer, EchoBuffer.INITIAL_CAPACITY + 1);
                assertEquals(2 * EchoBuffer.INITIAL_CAPACITY, buffer.capacity());
                drain(buffer, EchoBuffer.INITIAL_CAPACITY + 1);
                assertEquals(0, pool.idle());
                assertEquals(EchoBuffer.INITIAL_CAPACITY, buffer.capacity(), "an emptied ring starts again at one block");
                fill(buffer, 10);
            }
            assertEquals(1, pool.idle(), "closing a buffer that holds bytes gives its block back");
            assertEquals(before + EchoBuffer.INITIAL_CAPACITY, NativeMemory.liveBytes());
        }
    }

    @Test
    void aFullPoolFreesWhatItCannotKeep() {
        long before = NativeMemory.liveBytes();
        try (BlockPool pool = new BlockPool(1024, 1)) {
            pool.give(pool.take(1024));
            pool.give(NativeMemory.allocate(1024));
            assertEquals(1, pool.idle());
            assertEquals(before + 1024, NativeMemory.liveBytes());
        }
        assertEquals(before, NativeMemory.liveBytes(), "close frees the spare blocks");
    }

    /** Sends {@code n} pattern bytes into the socket pair and reads them into the buffer as the loop would. */
    private void fill(EchoBuffer buffer, int n) {
        for (int i = 0; i < n; i++) {
            scratch.pointer().putByte(i, pattern(produced + i));
        }
        assertEquals(n, Fds.write(in[1], scratch.address(), n));
        produced += n;
        int left = n;
        while (left > 0) {
            assertFalse(buffer.full(), "full with " + left + " bytes still to read");
            long got = Fds.read(in[0], buffer.spaceAddress(), Math.min(left, buffer.spaceLength()));
            assertTrue(got > 0);
            buffer.filled(got);
            left -= (int) got;
        }
    }

    /** Writes {@code n} bytes out of the buffer as the loop would and checks they are the next ones in order. */
    private void drain(EchoBuffer buffer, int n) {
        int left = n;
        while (left > 0) {
            long sent = Fds.write(out[1], buffer.dataAddress(), Math.min(left, buffer.dataLength()));
            assertTrue(sent > 0);
            buffer.drained(sent);
            left -= (int) sent;
        }
        assertEquals(n, Fds.read(out[0], scratch.address(), n));
        for (int i = 0; i < n; i++) {
            assertEquals(pattern(consumed + i), scratch.pointer().getByte(i), "byte " + (consumed + i));
        }
        consumed += n;
    }

    private static byte pattern(long i) {
        return (byte) (i * 31 + (i >>> 8));
    }
}
