package io.muxlab.core.sys;

import java.util.BitSet;
import jnr.ffi.Pointer;

/**
 * What {@code IORING_REGISTER_PROBE} says this kernel supports: one entry per opcode it knows.
 * Kernel version numbers are a poor guide (distributions backport, seccomp filters and
 * {@code io_uring_disabled} cut features off), so a program asks the kernel it runs on.
 *
 * <pre>
 * struct io_uring_probe    { u8 last_op; u8 ops_len; u16 resv; u32 resv2[3]; struct io_uring_probe_op ops[]; }  16 + 8 * n bytes
 * struct io_uring_probe_op { u8 op; u8 resv; u16 flags; u32 resv2; }   flags & IO_URING_OP_SUPPORTED
 * </pre>
 *
 * @param lastOp the highest opcode this kernel knows
 * @param supported opcodes marked IO_URING_OP_SUPPORTED
 */
public record IoUringProbe(int lastOp, BitSet supported) {
    static final int MAX_OPS = 256;
    static final int HEADER_SIZE = 16;
    static final int OP_SIZE = 8;
    static final int IO_URING_OP_SUPPORTED = 1;

    public IoUringProbe {
        supported = (BitSet) supported.clone();
    }

    public boolean supports(int opcode) {
        return supported.get(opcode);
    }

    static long size() {
        return HEADER_SIZE + (long) MAX_OPS * OP_SIZE;
    }

    static IoUringProbe read(Pointer p) {
        int lastOp = p.getByte(0) & 0xff;
        int opsLen = p.getByte(1) & 0xff;
        BitSet supported = new BitSet();
        for (int i = 0; i < opsLen; i++) {
            long at = HEADER_SIZE + (long) i * OP_SIZE;
            int op = p.getByte(at) & 0xff;
            if ((p.getShort(at + 2) & IO_URING_OP_SUPPORTED) != 0) {
                supported.set(op);
            }
        }
        return new IoUringProbe(lastOp, supported);
    }
}
