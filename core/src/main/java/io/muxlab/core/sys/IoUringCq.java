package io.muxlab.core.sys;

import static io.muxlab.core.sys.IoUringMapping.INT;

import java.nio.ByteBuffer;

/**
 * The completion side of an {@link IoUring}: the CQ ring of CQEs, whose tail is the kernel's and
 * whose head is ours. Read {@link #completions()} (an acquire load of the tail), then CQE 0 .. n-1
 * (index 0 is the oldest not yet handed back), then hand them back with {@link #consume} (a release
 * store of the head), all at once or one at a time; the class comment of {@link IoUring} says why
 * those orders. Loop thread only.
 */
public final class IoUringCq {
    /** {@code struct io_uring_cqe}: u64 user_data, s32 res, u32 flags (16 bytes, without CQE32). */
    static final int CQE_SIZE = 16;
    static final int CQE_USER_DATA = 0;
    static final int CQE_RES = 8;
    static final int CQE_FLAGS = 12;

    private final ByteBuffer ring;
    private final IoUringParams.CqOffsets off;
    private final int mask;
    /** Our copy of the CQ head: CQEs consumed so far. */
    private int head;

    IoUringCq(ByteBuffer ring, IoUringParams p) {
        this.ring = ring;
        this.off = p.cq();
        this.mask = ring.getInt(off.ringMask());
        this.head = (int) INT.getAcquire(ring, off.head());
    }

    /** CQEs ready to read now (acquire load of the CQ tail): read them with index 0 .. n-1, then {@link #consume}. */
    public int completions() {
        return (int) INT.getAcquire(ring, off.tail()) - head;
    }

    /** user_data of ready CQE {@code i}: what the request was prepared with. */
    public long userData(int i) {
        return ring.getLong(cqe(i) + CQE_USER_DATA);
    }

    /** res of ready CQE {@code i}: the call's result, or -errno. */
    public int result(int i) {
        return ring.getInt(cqe(i) + CQE_RES);
    }

    /** flags of ready CQE {@code i}: IORING_CQE_F_MORE, F_BUFFER (with the buffer id above bit 16), ... */
    public int flags(int i) {
        return ring.getInt(cqe(i) + CQE_FLAGS);
    }

    /** Hands {@code n} CQEs back to the kernel (release store of the CQ head). */
    public void consume(int n) {
        head += n;
        INT.setRelease(ring, off.head(), head);
    }

    private int cqe(int i) {
        return off.cqes() + ((head + i) & mask) * CQE_SIZE;
    }

}
