package io.muxlab.core.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The io_uring structs, proven against the kernel: if an offset were wrong, the kernel would read
 * a field we did not write (or we would read one it did not), and these round trips would fail.
 * Skipped, with the reason, where io_uring is refused (a seccomp profile, io_uring_disabled).
 */
@ExtendWith(IoUringAvailable.class)
class IoUringLayoutTest {
    private static final int POLLIN = 0x001;
    private static final int POLLOUT = 0x004;

    @Test
    void paramsTheKernelFillsInDescribeTheRingsItMapped() {
        try (IoUring ring = new IoUring(5, 32, IoUring.IORING_SETUP_CQSIZE)) {
            IoUringParams p = ring.params();
            assertEquals(8, p.sqEntries(), "sq_entries: 5 rounded up to a power of two");
            assertEquals(32, p.cqEntries(), "cq_entries: as asked with IORING_SETUP_CQSIZE");
            assertEquals(IoUring.IORING_SETUP_CQSIZE, p.flags(), "flags come back as passed");
            assertTrue((p.features() & IoUring.IORING_FEAT_SINGLE_MMAP) != 0, "features: 0x" + Integer.toHexString(p.features()));

            // The offsets point at the ring's own copy of its size and mask: read them there.
            ByteBuffer sq = ring.sqRingBytes();
            ByteBuffer cq = ring.cqRingBytes();
            assertEquals(8, sq.getInt(p.sq().ringEntries()), "sq_off.ring_entries");
            assertEquals(7, sq.getInt(p.sq().ringMask()), "sq_off.ring_mask");
            assertEquals(32, cq.getInt(p.cq().ringEntries()), "cq_off.ring_entries");
            assertEquals(31, cq.getInt(p.cq().ringMask()), "cq_off.ring_mask");
            assertEquals(0, sq.getInt(p.sq().head()) | sq.getInt(p.sq().tail()), "sq head and tail start at 0");
            assertEquals(0, cq.getInt(p.cq().head()) | cq.getInt(p.cq().tail()), "cq head and tail start at 0");
            Set<Integer> distinct = new HashSet<>(Set.of(p.sq().head(), p.sq().tail(), p.sq().ringMask(),
                    p.sq().ringEntries(), p.sq().flags(), p.sq().dropped(), p.sq().array()));
            assertEquals(7, distinct.size(), "sq_off fields are seven different places: " + p.sq());
            assertEquals(0, p.cq().cqes() % IoUringCq.CQE_SIZE, "cq_off.cqes is CQE-aligned: " + p.cq());
            assertTrue(p.cqRingSize() <= sq.capacity(), "single mmap: one mapping holds both rings");
        }
    }

    @Test
    void aNonZeroReservedFieldIsRefusedSoTheStructSizeAndResvOffsetAreTheKernels() {
        try (NativeMemory params = NativeMemory.allocate(IoUringParams.SIZE)) {
            params.pointer().putInt(IoUringParams.RESV, 1);
            long r = Native.LIBC.syscall(IoUring.SYS_IO_URING_SETUP, 4, params.address(), 0, 0, 0, 0);
            int errno = Native.errno();
            if (r >= 0) {
                Fds.close((int) r);
            }
            assertEquals(-1, r, "io_uring_setup accepted a non-zero resv[0]");
            assertEquals(Errno.EINVAL, errno, Errno.name(errno));
        }
    }

    @Test
    void nopsCarryTheirUserDataThroughTheKernelInOrder() {
        try (IoUring ring = new IoUring(8, 0, 0)) {
            long[] sent = {0x0123_4567_89ab_cdefL, -1L, 0x8000_0000_0000_0001L};
            for (long ud : sent) {
                assertTrue(ring.sq().nop(ud));
            }
            assertEquals(3, ring.submitAndWait(3, -1), "submitted");
            assertEquals(3, ring.cq().completions());
            for (int i = 0; i < 3; i++) {
                assertEquals(sent[i], ring.cq().userData(i), "user_data of CQE " + i);
                assertEquals(0, ring.cq().result(i), "res of a NOP");
                assertEquals(0, ring.cq().flags(i), "flags of a NOP");
            }
            ring.cq().consume(3);
            assertEquals(0, ring.cq().completions());
            assertEquals(0, ring.sq().unsubmitted());
        }
    }

    @Test
    void aReadNamesItsDescriptorBufferAndLengthWhereTheKernelLooks() {
        int[] pipe = Fds.pipe();
        try (IoUring ring = new IoUring(4, 0, 0); NativeMemory bytes = NativeMemory.allocate(16)) {
            byte[] text = "abcdef".getBytes(StandardCharsets.US_ASCII);
            bytes.pointer().put(0, text, 0, text.length);
            assertEquals(6, Fds.write(pipe[1], bytes.address(), 6));
            bytes.pointer().setMemory(0, 16, (byte) 0);

            assertTrue(ring.sq().read(pipe[0], bytes.address() + 8, 4, 42));
            ring.submitAndWait(1, -1);
            assertEquals(42, ring.cq().userData(0));
            assertEquals(4, ring.cq().result(0), "res: bytes read, as many as len asked for");
            ring.cq().consume(1);
            byte[] got = new byte[4];
            bytes.pointer().get(8, got, 0, 4);
            assertArrayEquals("abcd".getBytes(StandardCharsets.US_ASCII), got, "read into addr");
        } finally {
            Fds.close(pipe[0]);
            Fds.close(pipe[1]);
        }
    }

    /** poll32_events (op_flags), the multishot bit (len) and the CQE's flags word. */
    @Test
    void multishotPollReportsTheMaskAskedForAndStaysArmed() {
        int[] pair = TestSockets.socketPair();
        try (IoUring ring = new IoUring(4, 0, 0); NativeMemory one = NativeMemory.allocate(1)) {
            assertTrue(ring.sq().pollAdd(pair[0], POLLIN, true, 7));
            assertTrue(ring.sq().pollAdd(pair[1], POLLOUT, false, 8));
            ring.submitAndWait(1, -1);
            assertEquals(1, ring.cq().completions(), "only the POLLOUT poll fires: nothing to read yet");
            assertEquals(8, ring.cq().userData(0));
            assertEquals(POLLOUT, ring.cq().result(0) & (POLLIN | POLLOUT), "res is the ready mask");
            assertEquals(0, ring.cq().flags(0) & IoUring.IORING_CQE_F_MORE, "one-shot: no F_MORE");
            ring.cq().consume(1);

            for (int round = 0; round < 2; round++) {
                assertEquals(1, Fds.write(pair[1], one.address(), 1));
                ring.submitAndWait(1, -1);
                assertEquals(7, ring.cq().userData(0));
                assertEquals(POLLIN, ring.cq().result(0) & (POLLIN | POLLOUT), "round " + round);
                assertTrue((ring.cq().flags(0) & IoUring.IORING_CQE_F_MORE) != 0, "multishot: F_MORE, still armed");
                ring.cq().consume(1);
                assertEquals(1, Fds.read(pair[0], one.address(), 1));
            }
            assertTrue(ring.sq().pollRemove(7, 9));
            ring.submitAndWait(2, -1);
            assertEquals(2, ring.cq().completions());
            ring.cq().consume(2);
        } finally {
            Fds.close(pair[0]);
            Fds.close(pair[1]);
        }
    }

    /** ioprio (the multishot accept bit) and cancel_flags (ALL | ANY). */
    @Test
    void multishotAcceptStaysArmedUntilCancelled() {
        int listener = Sockets.listen("127.0.0.1", 0, 8);
        int port = Sockets.localAddress(listener).getPort();
        int client = -1;
        int accepted = -1;
        try (IoUring ring = new IoUring(4, 0, 0)) {
            client = TestSockets.connect("127.0.0.1", port);
            assertTrue(ring.sq().accept(listener, true, 11));
            ring.submitAndWait(1, -1);
            assertEquals(11, ring.cq().userData(0));
            accepted = ring.cq().result(0);
            assertTrue(accepted >= 0, "accept res: " + Errno.name(-accepted));
            assertTrue((ring.cq().flags(0) & IoUring.IORING_CQE_F_MORE) != 0, "multishot accept stays armed");
            ring.cq().consume(1);

            assertTrue(ring.sq().cancel(0, IoUring.IORING_ASYNC_CANCEL_ALL | IoUring.IORING_ASYNC_CANCEL_ANY, 12));
            ring.submitAndWait(2, -1);
            assertEquals(2, ring.cq().completions());
            for (int i = 0; i < 2; i++) {
                if (ring.cq().userData(i) == 11) {
                    assertEquals(-Errno.ECANCELED, ring.cq().result(i), "the accept ends cancelled");
                    assertEquals(0, ring.cq().flags(i) & IoUring.IORING_CQE_F_MORE, "and says it is no longer armed");
                } else {
                    assertEquals(12, ring.cq().userData(i));
                    assertEquals(1, ring.cq().result(i), "the cancel counts what it cancelled");
                }
            }
            ring.cq().consume(2);
        } finally {
            Fds.closeQuietly(accepted);
            Fds.closeQuietly(client);
            Fds.close(listener);
        }
    }

    /**
     * io_uring_getevents_arg's ts pointer and the timespec it points to: a misplaced one would make
     * the wait fail (EFAULT, EINVAL) or never time out. Asserted from below only.
     */
    @Test
    void aWaitWithATimeoutReturnsNothingOnceItHasPassed() {
        try (IoUring ring = new IoUring(4, 0, 0)) {
            long timeout = 20_000_000L;
            long start = System.nanoTime();
            assertEquals(0, ring.submitAndWait(1, timeout), "nothing to submit");
            long waited = System.nanoTime() - start;
            assertEquals(0, ring.cq().completions());
            assertTrue(waited >= timeout - 2_000_000L, "a 20 ms wait returned after " + waited / 1000 + " us");
        }
    }

    @Test
    void theProbeListsEveryOpcodeTheLoopsUse() {
        try (IoUring ring = new IoUring(4, 0, 0)) {
            IoUringProbe probe = ring.probe();
            assertTrue(probe.lastOp() >= IoUring.IORING_OP_RECV, "last_op " + probe.lastOp());
            for (int op : new int[] {IoUring.IORING_OP_NOP, IoUring.IORING_OP_POLL_ADD, IoUring.IORING_OP_POLL_REMOVE,
                IoUring.IORING_OP_ACCEPT, IoUring.IORING_OP_ASYNC_CANCEL, IoUring.IORING_OP_READ,
                IoUring.IORING_OP_SEND, IoUring.IORING_OP_RECV}) {
                assertTrue(probe.supports(op), "opcode " + op);
            }
            assertFalse(probe.supports(IoUringProbe.MAX_OPS - 1), "an opcode far beyond last_op");
        }
    }

    /** More completions than the CQ ring holds: with NODROP none is lost, the overflow flag says so. */
    @Test
    void completionsBeyondTheCqRingWaitInTheKernelAndNoneIsLost() {
        try (IoUring ring = new IoUring(8, 8, IoUring.IORING_SETUP_CQSIZE)) {
            Set<Long> seen = new HashSet<>();
            for (int batch = 0; batch < 3; batch++) {
                for (int i = 0; i < 8; i++) {
                    assertTrue(ring.sq().nop(batch * 8L + i));
                }
                assertEquals(8, ring.submit());
            }
            assertTrue(ring.cqOverflowed(), "24 completions cannot fit 8 slots");
            for (int rounds = 0; rounds < 10 && seen.size() < 24; rounds++) {
                ring.submitAndWait(0, -1);
                int n = ring.cq().completions();
                for (int i = 0; i < n; i++) {
                    assertTrue(seen.add(ring.cq().userData(i)), "user_data " + ring.cq().userData(i) + " twice");
                }
                ring.cq().consume(n);
            }
            assertEquals(24, seen.size(), "every NOP completed once");
            assertFalse(ring.cqOverflowed());
        }
    }

    @Test
    void closeUnmapsEveryRingAndClosesTheDescriptor() {
        long fds = ProcFs.kernelObjects();
        long bytes = NativeMemory.liveBytes();
        long mapped = IoUring.liveMappedBytes();
        IoUring ring = new IoUring(64, 256, IoUring.IORING_SETUP_CQSIZE);
        assertEquals(fds + 1, ProcFs.kernelObjects(), "the ring is an anonymous inode");
        assertTrue(IoUring.liveMappedBytes() >= mapped + 64 * IoUringSq.SQE_SIZE, "SQE array and rings mapped");
        ring.close();
        ring.close();
        assertEquals(fds, ProcFs.kernelObjects(), "ring descriptor closed");
        assertEquals(mapped, IoUring.liveMappedBytes(), "rings unmapped");
        assertEquals(bytes, NativeMemory.liveBytes(), "native memory freed");
    }
}
