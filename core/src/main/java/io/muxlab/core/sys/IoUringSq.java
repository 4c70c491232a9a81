package io.muxlab.core.sys;

import static io.muxlab.core.sys.IoUringMapping.INT;

import java.nio.ByteBuffer;

/**
 * The submission side of an {@link IoUring}: the SQE array, and the SQ ring whose tail is ours
 * and whose head is the kernel's. Each method writes one request's SQE, with the fields its opcode
 * reads, and returns false if the SQ is full (call {@link IoUring#submit()} and prepare again).
 * Prepared SQEs reach the kernel when {@link IoUring#submitAndWait} publishes the tail with a
 * release store (the class comment of {@link IoUring} says why release). Loop thread only.
 */
public final class IoUringSq {
    /**
     * {@code struct io_uring_sqe}, 64 bytes; the fields this project fills, by offset (the rest,
     * from u8 flags at 1 to the buffer index at 40 and addr3 at 48, stay zero). The unions are
     * named by the member we use: {@code op_flags} is rw_flags/poll32_events/msg_flags/
     * accept_flags/cancel_flags, {@code off} is off/addr2.
     */
    static final int SQE_SIZE = 64;
    static final int SQE_OPCODE = 0;
    static final int SQE_IOPRIO = 2;
    static final int SQE_FD = 4;
    static final int SQE_OFF = 8;
    static final int SQE_ADDR = 16;
    static final int SQE_LEN = 24;
    static final int SQE_OP_FLAGS = 28;
    static final int SQE_USER_DATA = 32;

    /** ioprio bit of IORING_OP_ACCEPT (5.19). */
    static final int IORING_ACCEPT_MULTISHOT = 1;
    /** accept4(2)'s flag, as Sockets gives every accepted socket. */
    static final int SOCK_CLOEXEC = 0x80000;

    private final ByteBuffer ring;
    private final ByteBuffer sqes;
    private final IoUringParams.SqOffsets off;
    private final int entries;
    private final int mask;
    /** Our copy of the SQ tail: SQEs prepared so far; published to the ring by {@link #publish()}. */
    private int tail;

    IoUringSq(ByteBuffer ring, ByteBuffer sqes, IoUringParams p) {
        this.ring = ring;
        this.sqes = sqes;
        this.off = p.sq();
        this.entries = p.sqEntries();
        this.mask = ring.getInt(off.ringMask());
        // The SQ array maps ring slots to SQE indices. We always use SQE i for slot i, so it is
        // filled once here and never again (before any tail is published, so plain stores do).
        for (int i = 0; i < entries; i++) {
            ring.putInt(off.array() + i * Integer.BYTES, i);
        }
        this.tail = (int) INT.getAcquire(ring, off.tail());
    }

    /**
     * Claims the next SQE, zeroed, with its opcode, fd and user_data written; returns its byte
     * offset in {@link #sqes} for the op-specific fields, or -1 if the SQ is full (submit first).
     */
    private int prepare(int opcode, int targetFd, long userData) {
        int head = (int) INT.getAcquire(ring, off.head());
        if (tail - head == entries) {
            return -1;
        }
        int at = (tail & mask) * SQE_SIZE;
        for (int i = 0; i < SQE_SIZE; i += Long.BYTES) {
            sqes.putLong(at + i, 0L);
        }
        sqes.put(at + SQE_OPCODE, (byte) opcode);
        sqes.putInt(at + SQE_FD, targetFd);
        sqes.putLong(at + SQE_USER_DATA, userData);
        tail++;
        return at;
    }

    /** IORING_OP_NOP: completes at once with res 0. False if the SQ is full. */
    public boolean nop(long userData) {
        return prepare(IoUring.IORING_OP_NOP, -1, userData) >= 0;
    }

    /**
     * IORING_OP_ACCEPT (5.5) of a close-on-exec socket (accept_flags SOCK_CLOEXEC, as
     * {@link Sockets#accept} does); {@code multishot} (5.19): one SQE, then one CQE per accepted
     * connection, each with F_MORE while the request stays armed. The new socket is blocking: io_uring
     * waits for it internally, and a blocking socket is the kind its own retry logic expects.
     */
    public boolean accept(int listenFd, boolean multishot, long userData) {
        int at = prepare(IoUring.IORING_OP_ACCEPT, listenFd, userData);
        if (at < 0) {
            return false;
        }
        sqes.putShort(at + SQE_IOPRIO, (short) (multishot ? IORING_ACCEPT_MULTISHOT : 0));
        sqes.putInt(at + SQE_OP_FLAGS, SOCK_CLOEXEC);
        return true;
    }

    /** IORING_OP_RECV (5.6): up to {@code length} bytes into native memory at {@code address}. */
    public boolean recv(int socket, long address, int length, long userData) {
        return buffer(IoUring.IORING_OP_RECV, socket, address, length, 0, userData);
    }

    /** IORING_OP_SEND (5.6) of {@code length} bytes at {@code address}, with send(2)'s {@code msgFlags}. */
    public boolean send(int socket, long address, int length, int msgFlags, long userData) {
        return buffer(IoUring.IORING_OP_SEND, socket, address, length, msgFlags, userData);
    }

    /** IORING_OP_READ (5.6) at the file's current position ({@code off} = -1), as read(2) does. */
    public boolean read(int targetFd, long address, int length, long userData) {
        int at = prepare(IoUring.IORING_OP_READ, targetFd, userData);
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
     * the ready mask. With {@link IoUring#IORING_POLL_ADD_MULTI} (5.13) it stays armed and posts a CQE with
     * F_MORE each time the file wakes its waiters, until it is removed or fails.
     */
    public boolean pollAdd(int targetFd, int pollEvents, boolean multishot, long userData) {
        int at = prepare(IoUring.IORING_OP_POLL_ADD, targetFd, userData);
        if (at < 0) {
            return false;
        }
        sqes.putInt(at + SQE_LEN, multishot ? IoUring.IORING_POLL_ADD_MULTI : 0);
        sqes.putInt(at + SQE_OP_FLAGS, pollEvents);
        return true;
    }

    /** IORING_OP_POLL_REMOVE of the poll request whose user_data was {@code targetUserData}; it completes with -ECANCELED. */
    public boolean pollRemove(long targetUserData, long userData) {
        int at = prepare(IoUring.IORING_OP_POLL_REMOVE, -1, userData);
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
        int at = prepare(IoUring.IORING_OP_ASYNC_CANCEL, -1, userData);
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
        return tail - (int) INT.getAcquire(ring, off.head());
    }

    /** Publishes the prepared SQEs (release) and returns how many wait for the kernel. */
    int publish() {
        INT.setRelease(ring, off.tail(), tail);
        return unsubmitted();
    }


    /** The SQ ring's flags word, which the kernel sets (IORING_SQ_CQ_OVERFLOW, ...). */
    int flags() {
        return (int) INT.getAcquire(ring, off.flags());
    }
}
