package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;
import static io.muxlab.core.sys.Syscall.IO_URING_ENTER;
import static io.muxlab.core.sys.Syscall.IO_URING_REGISTER;
import static io.muxlab.core.sys.Syscall.IO_URING_SETUP;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import jnr.ffi.Pointer;

/**
 * An io_uring instance (Linux 5.1+, {@code io_uring(7)}): two rings shared with the kernel. We
 * write requests (SQEs) into the submission queue and move its tail; the kernel consumes them,
 * moves the SQ head, and writes a completion (CQE) per request into the completion queue, moving
 * its tail; we read the CQEs and move the CQ head. One {@code io_uring_enter} both submits and
 * waits, so a loop can hand the kernel a whole turn of work in one syscall.
 *
 * <p>Who writes which index: SQ tail and CQ head are ours, SQ head and CQ tail the kernel's. Each
 * side reads the other's index without a lock, so memory order is what makes the rings correct
 * (liburing's {@code barrier.h}); the accesses go through a {@link VarHandle} over a ByteBuffer
 * view of the mapping, because plain loads and stores (jnr's {@code Pointer.getInt}) give none:
 * <ul>
 *   <li>CQ tail: <b>acquire</b> load. The kernel writes a CQE, then stores the tail with release;
 *       our acquire pairs with it, so the CQE bytes we read next are the ones it wrote, not stale
 *       ones the CPU or JIT read early.
 *   <li>CQ head: <b>release</b> store. Our reads of the CQEs must be done before the kernel sees
 *       their slots free and overwrites them.
 *   <li>SQ tail: <b>release</b> store. The SQE bytes (and the SQ array entry) must be visible
 *       before the tail that publishes them; a kernel polling thread (SQPOLL) reads them the moment
 *       it sees the tail. Without SQPOLL io_uring_enter is a barrier anyway, but the ring's contract
 *       is the same either way, so we keep it.
 *   <li>SQ head and SQ flags: acquire loads, for the same pairing the other way round (the kernel
 *       releases a slot; we refill it).
 * </ul>
 *
 * <p>Limits: entries are fixed at setup (at most 32768 SQEs); a full SQ must be submitted before
 * another SQE is prepared ({@link IoUringSq}'s methods say so by returning false). With IORING_FEAT_NODROP
 * (5.5) the kernel never drops a completion: when the CQ ring is full it keeps the CQEs in its own
 * memory and sets IORING_SQ_CQ_OVERFLOW until they fit ({@link #cqOverflowed()}). One thread owns
 * an instance; the rings are set up with IORING_SETUP_SINGLE_ISSUER when asked, and then the
 * kernel enforces it. See {@code docs/io-uring.md}.
 */
public final class IoUring implements AutoCloseable {
    // opcodes (enum io_uring_op); IoUringSq's methods name the kernel that added each
    public static final int IORING_OP_NOP = 0;
    public static final int IORING_OP_POLL_ADD = 6;
    public static final int IORING_OP_POLL_REMOVE = 7;
    public static final int IORING_OP_ACCEPT = 13;
    public static final int IORING_OP_ASYNC_CANCEL = 14;
    public static final int IORING_OP_READ = 22;
    public static final int IORING_OP_SEND = 26;
    public static final int IORING_OP_RECV = 27;

    // io_uring_setup flags
    public static final int IORING_SETUP_CQSIZE = 1 << 3;
    public static final int IORING_SETUP_SUBMIT_ALL = 1 << 7;
    public static final int IORING_SETUP_COOP_TASKRUN = 1 << 8;
    public static final int IORING_SETUP_SINGLE_ISSUER = 1 << 12;
    public static final int IORING_SETUP_DEFER_TASKRUN = 1 << 13;

    // features the kernel reports
    public static final int IORING_FEAT_SINGLE_MMAP = 1;
    public static final int IORING_FEAT_NODROP = 1 << 1;
    public static final int IORING_FEAT_EXT_ARG = 1 << 8;

    // CQE flags
    public static final int IORING_CQE_F_BUFFER = 1;
    public static final int IORING_CQE_F_MORE = 1 << 1;
    public static final int IORING_CQE_F_SOCK_NONEMPTY = 1 << 2;

    // SQ ring flags (set by the kernel)
    static final int IORING_SQ_CQ_OVERFLOW = 1 << 1;

    // per-opcode flags
    public static final int IORING_POLL_ADD_MULTI = 1;
    public static final int IORING_ASYNC_CANCEL_ALL = 1;
    public static final int IORING_ASYNC_CANCEL_ANY = 1 << 2;

    static final int IORING_ENTER_GETEVENTS = 1;
    static final int IORING_ENTER_EXT_ARG = 1 << 3;
    static final int IORING_REGISTER_PROBE = 8;

    static final long IORING_OFF_SQ_RING = 0L;
    static final long IORING_OFF_CQ_RING = 0x8000000L;
    static final long IORING_OFF_SQES = 0x10000000L;

    /** The three syscall numbers are the same on every architecture (unified table, 5.1). */
    static final long SYS_IO_URING_SETUP = 425;
    static final long SYS_IO_URING_ENTER = 426;
    static final long SYS_IO_URING_REGISTER = 427;

    /** {@code struct io_uring_getevents_arg}: u64 sigmask, u32 sigmask_sz, u32 min_wait_usec, u64 ts. */
    static final int GETEVENTS_ARG_SIZE = 24;
    static final int GETEVENTS_ARG_TS = 16;

    private final int fd;
    private final IoUringParams params;
    /** The SQ ring; with IORING_FEAT_SINGLE_MMAP also the CQ ring (then {@link #cqRing} is the same object). */
    private final IoUringMapping sqRing;
    private final IoUringMapping cqRing;
    private final IoUringMapping sqeArray;
    /** io_uring_getevents_arg followed by the __kernel_timespec it points to: a wait's timeout. */
    private final NativeMemory waitArg;
    private final IoUringSq sq;
    private final IoUringCq cq;

    /**
     * io_uring_setup and the three mappings.
     *
     * @param entries SQ size (rounded up to a power of two by the kernel)
     * @param cqEntries CQ size, used with {@link #IORING_SETUP_CQSIZE}; otherwise 0
     * @param flags IORING_SETUP_* flags
     * @throws SyscallException naming io_uring_setup and its errno (EPERM under a seccomp filter or
     *     {@code kernel.io_uring_disabled}, ENOSYS without io_uring, EINVAL for unknown flags); see
     *     {@link IoUringSupport} for the one-line explanation
     */
    public IoUring(int entries, int cqEntries, int flags) {
        int ringFd;
        IoUringParams p;
        try (NativeMemory request = NativeMemory.allocate(IoUringParams.SIZE)) {
            IoUringParams.writeRequest(request.pointer(), cqEntries, flags);
            ringFd = IO_URING_SETUP.check((int) LIBC.syscall(SYS_IO_URING_SETUP, entries, request.address(), 0, 0, 0, 0),
                    entries + " entries, flags 0x" + Integer.toHexString(flags));
            p = IoUringParams.read(request.pointer());
        }
        IoUringMapping sqMap = null;
        IoUringMapping cqMap = null;
        IoUringMapping sqeMap = null;
        try {
            boolean single = (p.features() & IORING_FEAT_SINGLE_MMAP) != 0;
            long sqSize = single ? Math.max(p.sqRingSize(), p.cqRingSize()) : p.sqRingSize();
            sqMap = IoUringMapping.map(ringFd, IORING_OFF_SQ_RING, sqSize, "SQ ring");
            cqMap = single ? sqMap : IoUringMapping.map(ringFd, IORING_OFF_CQ_RING, p.cqRingSize(), "CQ ring");
            sqeMap = IoUringMapping.map(ringFd, IORING_OFF_SQES, (long) p.sqEntries() * IoUringSq.SQE_SIZE, "SQE array");
            this.waitArg = NativeMemory.allocate(GETEVENTS_ARG_SIZE + Structs.SIZEOF_TIMESPEC);
        } catch (RuntimeException | Error e) {
            closeAll(sqeMap, cqMap, sqMap, ringFd);
            throw e;
        }
        this.fd = ringFd;
        this.params = p;
        this.sqRing = sqMap;
        this.cqRing = cqMap;
        this.sqeArray = sqeMap;
        this.sq = new IoUringSq(sqMap.bytes(), sqeMap.bytes(), p);
        this.cq = new IoUringCq(cqMap.bytes(), p);
        waitArg.pointer().putLong(GETEVENTS_ARG_TS, waitArg.address() + GETEVENTS_ARG_SIZE); // ts: the timespec behind it
    }

    /**
     * One io_uring_enter that submits every prepared SQE and waits until {@code minComplete}
     * completions are in the CQ ring or the timeout passes.
     *
     * @param timeoutNanos negative: no timeout; otherwise passed as IORING_ENTER_EXT_ARG (5.11)
     * @return SQEs the kernel consumed; EINTR (a signal), ETIME (the timeout) and EBUSY/EAGAIN (the
     *     kernel is short of memory or still flushing overflowed CQEs) return 0: reap what is there,
     *     then call again
     */
    public int submitAndWait(int minComplete, long timeoutNanos) {
        int toSubmit = sq.publish();
        int flags = IORING_ENTER_GETEVENTS;
        long arg = 0;
        long argSize = 0;
        if (timeoutNanos >= 0 && minComplete > 0) {
            Pointer w = waitArg.pointer();
            // __kernel_timespec is struct timespec on 64-bit Linux.
            w.putLong(GETEVENTS_ARG_SIZE + Structs.TV_SEC, timeoutNanos / 1_000_000_000L);
            w.putLong(GETEVENTS_ARG_SIZE + Structs.TV_NSEC, timeoutNanos % 1_000_000_000L);
            flags |= IORING_ENTER_EXT_ARG;
            arg = waitArg.address();
            argSize = GETEVENTS_ARG_SIZE;
        }
        return (int) enter(toSubmit, minComplete, flags, arg, argSize);
    }

    /** Submits without waiting (the SQ is full and more SQEs must be prepared this turn). */
    public int submit() {
        return (int) enter(sq.publish(), 0, 0, 0, 0);
    }

    /**
     * The one io_uring_enter, through the chokepoint: counted, checked, named. EINTR is not retried
     * but returned as 0, as {@link Syscall#waited} does for every wait: the loop's next turn enters again.
     */
    private long enter(int toSubmit, int minComplete, int flags, long arg, long argSize) {
        long start = SyscallTrace.sink != null ? System.nanoTime() : 0;
        long r = IO_URING_ENTER.call(LIBC.syscall(SYS_IO_URING_ENTER, fd, toSubmit, minComplete, flags, arg, argSize));
        if (SyscallTrace.sink != null) {
            traceEnter(toSubmit, minComplete, flags, r, start);
        }
        if (r >= 0 || r == -Errno.EINTR || r == -Errno.ETIME || r == -Errno.EBUSY || r == -Errno.EAGAIN) {
            return Math.max(r, 0);
        }
        throw IO_URING_ENTER.failed((int) -r, "ring fd ", fd, ", " + toSubmit + " to submit");
    }

    /**
     * {@code io_uring_enter(fd 5 (ring), to_submit 2, min_complete 1, IORING_ENTER_GETEVENTS, timeout ∞) = 2
     * after 1201 µs}: what the enter submitted, how many completions it waited for, and what it returned.
     */
    private void traceEnter(int toSubmit, int minComplete, int flags, long r, long start) {
        StringBuilder b = new StringBuilder("io_uring_enter(fd ").append(SyscallTrace.fd(fd)).append(", to_submit ")
                .append(toSubmit).append(", min_complete ").append(minComplete).append(", ");
        if ((flags & IORING_ENTER_GETEVENTS) == 0) {
            b.append('0');
        } else {
            b.append("IORING_ENTER_GETEVENTS");
            if ((flags & IORING_ENTER_EXT_ARG) != 0) {
                Pointer w = waitArg.pointer();
                long micros = w.getLong(GETEVENTS_ARG_SIZE + Structs.TV_SEC) * 1_000_000L
                        + w.getLong(GETEVENTS_ARG_SIZE + Structs.TV_NSEC) / 1_000;
                b.append("|IORING_ENTER_EXT_ARG, timeout ").append(SyscallTrace.timeout(micros, "µs"));
            } else if (minComplete > 0) {
                b.append(", timeout ").append(SyscallTrace.timeout(-1, "µs"));
            }
        }
        b.append(") = ").append(SyscallTrace.result(r, (int) -r)).append(" after ").append((System.nanoTime() - start) / 1_000)
                .append(" µs");
        SyscallTrace.line(b.toString());
    }

    /** True if the kernel holds CQEs that did not fit the CQ ring; the next GETEVENTS enter flushes them. */
    public boolean cqOverflowed() {
        return (sq.flags() & IORING_SQ_CQ_OVERFLOW) != 0;
    }

    /** IORING_REGISTER_PROBE (5.6): which opcodes this kernel knows. */
    public IoUringProbe probe() {
        try (NativeMemory probe = NativeMemory.allocate(IoUringProbe.size())) {
            IO_URING_REGISTER.check((int) LIBC.syscall(SYS_IO_URING_REGISTER, fd, IORING_REGISTER_PROBE, probe.address(),
                    IoUringProbe.MAX_OPS, 0, 0), "IORING_REGISTER_PROBE");
            return IoUringProbe.read(probe.pointer());
        }
    }

    public int sqEntries() {
        return params.sqEntries();
    }

    public int cqEntries() {
        return params.cqEntries();
    }

    public int features() {
        return params.features();
    }

    public int fd() {
        return fd;
    }

    IoUringParams params() {
        return params;
    }

    /** The submission queue: where requests are prepared. */
    public IoUringSq sq() {
        return sq;
    }

    /** The completion queue: where results are read. */
    public IoUringCq cq() {
        return cq;
    }

    /** The SQ ring mapping, for the layout test. */
    ByteBuffer sqRingBytes() {
        return sqRing.bytes();
    }

    ByteBuffer cqRingBytes() {
        return cqRing.bytes();
    }

    /**
     * Unmaps the rings, frees the wait argument and closes the ring. Requests still in flight are
     * cancelled by the kernel, which may finish them after we return: a caller that gave the kernel
     * buffers must have reaped their completions first.
     */
    @Override
    public void close() {
        if (waitArg.isOpen()) {
            waitArg.close();
            closeAll(sqeArray, cqRing, sqRing, fd);
        }
    }

    /** Bytes of io_uring rings mapped in this process and not yet unmapped. */
    public static long liveMappedBytes() {
        return IoUringMapping.liveBytes();
    }

    /** Unmaps what is mapped and closes the ring fd, going on past a failure (the first one is thrown). */
    private static void closeAll(IoUringMapping sqes, IoUringMapping cqMap, IoUringMapping sqMap, int ringFd) {
        RuntimeException first = null;
        for (IoUringMapping m : new IoUringMapping[] {sqes, cqMap == sqMap ? null : cqMap, sqMap}) {
            try {
                if (m != null) {
                    m.close();
                }
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        try {
            Fds.close(ringFd);
        } catch (RuntimeException e) {
            first = first == null ? e : first;
        }
        if (first != null) {
            throw first;
        }
    }
}
