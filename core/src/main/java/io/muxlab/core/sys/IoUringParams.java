package io.muxlab.core.sys;

import jnr.ffi.Pointer;

/**
 * {@code struct io_uring_params} (120 bytes): what we ask of {@code io_uring_setup} and what the
 * kernel answers: the ring sizes it chose, the features it has, and where in the mapped rings each
 * index lives ({@code sq_off}, {@code cq_off}). The ring offsets are the kernel's to choose, which
 * is why they are read back and never assumed.
 *
 * <pre>
 *  0 u32 sq_entries     4 u32 cq_entries     8 u32 flags     12 u32 sq_thread_cpu
 * 16 u32 sq_thread_idle 20 u32 features     24 u32 wq_fd    28 u32 resv[3]
 * 40 struct io_sqring_offsets sq_off (40 bytes)
 * 80 struct io_cqring_offsets cq_off (40 bytes)
 * </pre>
 *
 * @param sqEntries SQ ring size the kernel chose (the request rounded up to a power of two)
 * @param cqEntries CQ ring size (twice the SQ's unless IORING_SETUP_CQSIZE asked for another)
 * @param flags the IORING_SETUP_* flags, as passed
 * @param features IORING_FEAT_* bits of this kernel
 * @param sq where the SQ ring's fields are, in the SQ mapping
 * @param cq where the CQ ring's fields are, in the CQ mapping
 */
record IoUringParams(int sqEntries, int cqEntries, int flags, int features, SqOffsets sq, CqOffsets cq) {
    static final int SIZE = 120;
    static final int SQ_ENTRIES = 0;
    static final int CQ_ENTRIES = 4;
    static final int FLAGS = 8;
    static final int FEATURES = 20;
    static final int RESV = 28;
    static final int SQ_OFF = 40;
    static final int CQ_OFF = 80;

    /**
     * {@code struct io_sqring_offsets}: head, tail, ring_mask, ring_entries, flags, dropped,
     * array (u32 each, in this order), resv1 (u32), user_addr (u64).
     */
    record SqOffsets(int head, int tail, int ringMask, int ringEntries, int flags, int dropped, int array) {
        static SqOffsets read(Pointer p, int at) {
            return new SqOffsets(p.getInt(at), p.getInt(at + 4), p.getInt(at + 8), p.getInt(at + 12),
                    p.getInt(at + 16), p.getInt(at + 20), p.getInt(at + 24));
        }
    }

    /**
     * {@code struct io_cqring_offsets}: head, tail, ring_mask, ring_entries, overflow, cqes,
     * flags (u32 each, in this order), resv1 (u32), user_addr (u64).
     */
    record CqOffsets(int head, int tail, int ringMask, int ringEntries, int overflow, int cqes, int flags) {
        static CqOffsets read(Pointer p, int at) {
            return new CqOffsets(p.getInt(at), p.getInt(at + 4), p.getInt(at + 8), p.getInt(at + 12),
                    p.getInt(at + 16), p.getInt(at + 20), p.getInt(at + 24));
        }
    }

    /** Writes the request into a zeroed {@link #SIZE}-byte struct: flags and cq_entries (the SQ size is a syscall argument). */
    static void writeRequest(Pointer p, int cqEntries, int flags) {
        p.putInt(FLAGS, flags);
        p.putInt(CQ_ENTRIES, cqEntries);
    }

    /** Reads what the kernel filled in. */
    static IoUringParams read(Pointer p) {
        return new IoUringParams(p.getInt(SQ_ENTRIES), p.getInt(CQ_ENTRIES), p.getInt(FLAGS), p.getInt(FEATURES),
                SqOffsets.read(p, SQ_OFF), CqOffsets.read(p, CQ_OFF));
    }

    /** Bytes to map for the SQ ring: up to the end of its index array. */
    long sqRingSize() {
        return sq.array() + (long) sqEntries * Integer.BYTES;
    }

    /** Bytes to map for the CQ ring: up to the end of its CQE array. */
    long cqRingSize() {
        return cq.cqes() + (long) cqEntries * IoUringCq.CQE_SIZE;
    }
}
