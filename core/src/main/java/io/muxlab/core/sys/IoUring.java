package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * another SQE is prepared ({@link #prepare} says so by returning -1). With IORING_FEAT_NODROP
 * (5.5) the kernel never drops a completion: when the CQ ring is full it keeps the CQEs in its own
 * memory and sets IORING_SQ_CQ_OVERFLOW until they fit ({@link #cqOverflowed()}). One thread owns
 * an instance; the rings are set up with IORING_SETUP_SINGLE_ISSUER when asked, and then the
 * kernel enforces it. See {@code docs/io-uring.md}.
 */
public final class IoUring implements AutoCloseable {
    // opcodes (enum io_uring_op), with the kernel that added each
    public static final int IORING_OP_NOP = 0;
    public static final int IORING_OP_POLL_ADD = 6;
    public static final int IORING_OP_POLL_REMOVE = 7;
    public static final int IORING_OP_TIMEOUT = 11;
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
    static final int IORING_ACCEPT_MULTISHOT = 1;
    static final int SOCK_CLOEXEC = 0x80000;
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

    /**
     * {@code struct io_uring_sqe}, 64 bytes; the fields this project fills, by offset. The unions
     * are named by the member we use: {@code op_flags} is rw_flags/poll32_events/msg_flags/
     * accept_flags/cancel_flags, {@code off} is off/addr2.
     */
    static final int SQE_SIZE = 64;
    static final int SQE_OPCODE = 0;
    static final int SQE_FLAGS = 1;
    static final int SQE_IOPRIO = 2;
    static final int SQE_FD = 4;
    static final int SQE_OFF = 8;
    static final int SQE_ADDR = 16;
    static final int SQE_LEN = 24;
    static final int SQE_OP_FLAGS = 28;
    static final int SQE_USER_DATA = 32;

    /** {@code struct io_uring_cqe}: u64 user_data, s32 res, u32 flags (16 bytes, without CQE32). */
    static final int CQE_SIZE = 16;
    static final int CQE_USER_DATA = 0;
    static final int CQE_RES = 8;
    static final int CQE_FLAGS = 12;

    /** {@code struct io_uring_getevents_arg}: u64 sigmask, u32 sigmask_sz, u32 min_wait_usec, u64 ts. */
    static final int GETEVENTS_ARG_SIZE = 24;
    static final int GETEVENTS_ARG_TS = 16;

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final int fd;
    private final IoUringParams params;
    /** The SQ ring; with IORING_FEAT_SINGLE_MMAP also the CQ ring (then {@link #cqRing} is the same object). */
    private final IoUringMapping sqRing;
    private final IoUringMapping cqRing;
    private final IoUringMapping sqeArray;
    /** io_uring_getevents_arg followed by the __kernel_timespec it points to: a wait's timeout. */
    private final NativeMemory waitArg;
    private final ByteBuffer sq;
    private final ByteBuffer cq;
    private final ByteBuffer sqes;
    private final int sqMask;
    private final int cqMask;
    /** Our copy of the SQ tail: SQEs prepared so far. Published to the ring by {@link #publish()}. */
    private int sqTail;
    /** Our copy of the CQ head: CQEs consumed so far. */
    private int cqHead;

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
            Syscall.IO_URING_SETUP.count();
            long r = LIBC.syscall(SYS_IO_URING_SETUP, entries, request.address(), 0, 0, 0, 0);
            if (r < 0) {
                throw SyscallException.fromErrno("io_uring_setup", entries + " entries, flags 0x" + Integer.toHexString(flags));
            }
            ringFd = (int) r;
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
            sqeMap = IoUringMapping.map(ringFd, IORING_OFF_SQES, (long) p.sqEntries() * SQE_SIZE, "SQE array");
            this.waitArg = NativeMemory.allocate(GETEVENTS_ARG_SIZE + 16);
        } catch (RuntimeException | Error e) {
            closeAll(sqeMap, cqMap, sqMap, ringFd);
            throw e;
        }
        this.fd = ringFd;
        this.params = p;
        this.sqRing = sqMap;
        this.cqRing = cqMap;
        this.sqeArray = sqeMap;
        this.sq = sqMap.bytes();
        this.cq = cqMap.bytes();
        this.sqes = sqeMap.bytes();
        this.sqMask = sq.getInt(p.sq().ringMask());
        this.cqMask = cq.getInt(p.cq().ringMask());
        // The SQ array maps ring slots to SQE indices. We always use SQE i for slot i, so it is
        // filled once here and never again (before any tail is published, so plain stores do).
        for (int i = 0; i < p.sqEntries(); i++) {
            sq.putInt(p.sq().array() + i * Integer.BYTES, i);
        }
        this.sqTail = (int) INT.getAcquire(sq, p.sq().tail());
        this.cqHead = (int) INT.getAcquire(cq, p.cq().head());
    }

    // ---- submission

    /**
     * Claims the next SQE, zeroed, with its opcode, fd and user_data written; returns its byte
     * offset in {@link #sqes} for the op-specific fields, or -1 if the SQ is full (submit first).
     */
    private int prepare(int opcode, int targetFd, long userData) {
        int head = (int) INT.getAcquire(sq, params.sq().head());
        if (sqTail - head == params.sqEntries()) {
            return -1;
        }
        int at = (sqTail & sqMask) * SQE_SIZE;
        for (int i = 0; i < SQE_SIZE; i += Long.BYTES) {
            sqes.putLong(at + i, 0L);
        }
        sqes.put(at + SQE_OPCODE, (byte) opcode);
        sqes.putInt(at + SQE_FD, targetFd);
        sqes.putLong(at + SQE_USER_DATA, userData);
        sqTail++;
        return at;
    }

    /** IORING_OP_NOP: completes at once with res 0. False if the SQ is full. */
    public boolean nop(long userData) {
        return prepare(IORING_OP_NOP, -1, userData) >= 0;
    }

    /**
     * IORING_OP_ACCEPT (5.5) of a close-on-exec socket (accept_flags SOCK_CLOEXEC, as
     * {@link Sockets#accept} does); {@code multishot} (5.19): one SQE, then one CQE per accepted
     * connection, each with F_MORE while the request stays armed. The new socket is blocking: io_uring
     * waits for it internally, and a blocking socket is the kind its own retry logic expects.
     */
    public boolean accept(int listenFd, boolean multishot, long userData) {
        int at = prepare(IORING_OP_ACCEPT, listenFd, userData);
        if (at < 0) {
            return false;
        }
        sqes.putShort(at + SQE_IOPRIO, (short) (multishot ? IORING_ACCEPT_MULTISHOT : 0));
        sqes.putInt(at + SQE_OP_FLAGS, SOCK_CLOEXEC);
        return true;
    }

    /** IORING_OP_RECV (5.6): up to {@code length} bytes into native memory at {@code address}. */
    public boolean recv(int socket, long address, int length, long userData) {
        return buffer(IORING_OP_RECV, socket, address, length, 0, userData);
    }

    /** IORING_OP_SEND (5.6) of {@code length} bytes at {@code address}, with send(2)'s {@code msgFlags}. */
    public boolean send(int socket, long address, int length, int msgFlags, long userData) {
        return buffer(IORING_OP_SEND, socket, address, length, msgFlags, userData);
    }

    /** IORING_OP_READ (5.6) at the file's current position ({@code off} = -1), as read(2) does. */
    public boolean read(int targetFd, long address, int length, long userData) {
        int at = prepare(IORING_OP_READ, targetFd, userData);
        if (at < 0) {
            return false;
        }
        sqes.putLong(at + SQE_OFF, -1L);
        sqes.putLong(at + SQE_ADDR, address);
        sqes.putInt(at + SQE_LEN, length);
        return true;
    }

    /**
     * IORING_OP_POLL_ADD (5.1) for {@code poll32_events} (POLLIN, POLLOUT, ...): the CQE's res is
     * the ready mask. With {@link #IORING_POLL_ADD_MULTI} (5.13) it stays armed and posts a CQE with
     * F_MORE each time the file wakes its waiters, until it is removed or fails.
     */
    public boolean pollAdd(int targetFd, int pollEvents, boolean multishot, long userData) {
        int at = prepare(IORING_OP_POLL_ADD, targetFd, userData);
        if (at < 0) {
            return false;
        }
        sqes.putInt(at + SQE_LEN, multishot ? IORING_POLL_ADD_MULTI : 0);
        sqes.putInt(at + SQE_OP_FLAGS, pollEvents);
        return true;
    }

    /** IORING_OP_POLL_REMOVE of the poll request whose user_data was {@code targetUserData}; it completes with -ECANCELED. */
    public boolean pollRemove(long targetUserData, long userData) {
        int at = prepare(IORING_OP_POLL_REMOVE, -1, userData);
        if (at < 0) {
            return false;
        }
        sqes.putLong(at + SQE_ADDR, targetUserData);
        return true;
    }

    /**
     * IORING_OP_ASYNC_CANCEL (5.5) with {@code cancel_flags}: {@code ALL | ANY} (5.19) cancels every
     * request in flight; each cancelled one completes with -ECANCELED, and this one with their count.
     */
    public boolean cancel(long targetUserData, int cancelFlags, long userData) {
        int at = prepare(IORING_OP_ASYNC_CANCEL, -1, userData);
        if (at < 0) {
            return false;
        }
        sqes.putLong(at + SQE_ADDR, targetUserData);
        sqes.putInt(at + SQE_OP_FLAGS, cancelFlags);
        return true;
    }

    private boolean buffer(int opcode, int socket, long address, int length, int opFlags, long userData) {
        int at = prepare(opcode, socket, userData);
        if (at < 0) {
            return false;
        }
        sqes.putLong(at + SQE_ADDR, address);
        sqes.putInt(at + SQE_LEN, length);
        sqes.putInt(at + SQE_OP_FLAGS, opFlags);
        return true;
    }

    /** SQEs prepared and not yet consumed by the kernel. */
    public int unsubmitted() {
        return sqTail - (int) INT.getAcquire(sq, params.sq().head());
    }

    /** Publishes the prepared SQEs (release) and returns how many wait for the kernel. */
    private int publish() {
        INT.setRelease(sq, params.sq().tail(), sqTail);
        return unsubmitted();
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
        int toSubmit = publish();
        int flags = IORING_ENTER_GETEVENTS;
        long arg = 0;
        long argSize = 0;
        if (timeoutNanos >= 0 && minComplete > 0) {
            Pointer w = waitArg.pointer();
            w.putLong(GETEVENTS_ARG_TS, waitArg.address() + GETEVENTS_ARG_SIZE);
            w.putLong(GETEVENTS_ARG_SIZE, timeoutNanos / 1_000_000_000L);
            w.putLong(GETEVENTS_ARG_SIZE + 8, timeoutNanos % 1_000_000_000L);
            flags |= IORING_ENTER_EXT_ARG;
            arg = waitArg.address();
            argSize = GETEVENTS_ARG_SIZE;
        }
        return (int) enter(toSubmit, minComplete, flags, arg, argSize);
    }

    /** Submits without waiting (the SQ is full and more SQEs must be prepared this turn). */
    public int submit() {
        return (int) enter(publish(), 0, 0, 0, 0);
    }

    /** The one raw io_uring_enter: counted, checked, named; the values the loops handle come back as 0. */
    private long enter(int toSubmit, int minComplete, int flags, long arg, long argSize) {
        Syscall.IO_URING_ENTER.count();
        long r = LIBC.syscall(SYS_IO_URING_ENTER, fd, toSubmit, minComplete, flags, arg, argSize);
        if (r >= 0) {
            return r;
        }
        int errno = Native.errno();
        if (errno == Errno.EINTR || errno == Errno.ETIME || errno == Errno.EBUSY || errno == Errno.EAGAIN) {
            return 0;
        }
        throw new SyscallException("io_uring_enter", errno, "ring fd " + fd + ", " + toSubmit + " to submit");
    }

    // ---- completion

    /** CQEs ready to read now (acquire load of the CQ tail): read them with index 0 .. n-1, then {@link #consume}. */
    public int completions() {
        return (int) INT.getAcquire(cq, params.cq().tail()) - cqHead;
    }

    /** user_data of ready CQE {@code i}: what the request was prepared with. */
    public long userData(int i) {
        return cq.getLong(cqe(i) + CQE_USER_DATA);
    }

    /** res of ready CQE {@code i}: the call's result, or -errno. */
    public int result(int i) {
        return cq.getInt(cqe(i) + CQE_RES);
    }

    /** flags of ready CQE {@code i}: IORING_CQE_F_MORE, F_BUFFER (with the buffer id above bit 16), ... */
    public int flags(int i) {
        return cq.getInt(cqe(i) + CQE_FLAGS);
    }

    /** Hands {@code n} CQEs back to the kernel (release store of the CQ head). */
    public void consume(int n) {
        cqHead += n;
        INT.setRelease(cq, params.cq().head(), cqHead);
    }

    /** True if the kernel holds CQEs that did not fit the CQ ring; the next GETEVENTS enter flushes them. */
    public boolean cqOverflowed() {
        return ((int) INT.getAcquire(sq, params.sq().flags()) & IORING_SQ_CQ_OVERFLOW) != 0;
    }

    private int cqe(int i) {
        return params.cq().cqes() + ((cqHead + i) & cqMask) * CQE_SIZE;
    }

    // ---- the rest

    /** IORING_REGISTER_PROBE (5.6): which opcodes this kernel knows. */
    public IoUringProbe probe() {
        try (NativeMemory probe = NativeMemory.allocate(IoUringProbe.size())) {
            Syscall.IO_URING_REGISTER.count();
            long r = LIBC.syscall(SYS_IO_URING_REGISTER, fd, IORING_REGISTER_PROBE, probe.address(), IoUringProbe.MAX_OPS, 0, 0);
            if (r < 0) {
                throw SyscallException.fromErrno("io_uring_register", "IORING_REGISTER_PROBE");
            }
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

    /** The SQ ring mapping, for the layout test. */
    ByteBuffer sqRingBytes() {
        return sq;
    }

    ByteBuffer cqRingBytes() {
        return cq;
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
