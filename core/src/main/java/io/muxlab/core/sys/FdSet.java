package io.muxlab.core.sys;

import jnr.ffi.Pointer;

/**
 * A native {@code fd_set}: a bitmap of {@link #FD_SETSIZE} bits, one per descriptor, in 64-bit
 * words ({@code fds_bits[fd / 64]}, bit {@code fd % 64}) exactly as glibc's FD_SET macros lay it out.
 *
 * <p>The set cannot hold a descriptor of 1024 or more: glibc's macros would write past the end of
 * the struct (a classic memory-corruption bug). {@link #set} refuses such a descriptor with an
 * exception instead. Not thread-safe.
 */
public final class FdSet implements AutoCloseable {
    public static final int FD_SETSIZE = 1024;
    static final int SIZE_BYTES = FD_SETSIZE / 8;

    private final NativeMemory memory = NativeMemory.allocate(SIZE_BYTES);
    private final Pointer bits = memory.pointer();

    /** FD_SET. */
    public void set(int fd) {
        check(fd);
        long offset = (fd >>> 6) * 8L;
        bits.putLong(offset, bits.getLong(offset) | (1L << (fd & 63)));
    }

    /** FD_CLR. */
    public void clear(int fd) {
        check(fd);
        long offset = (fd >>> 6) * 8L;
        bits.putLong(offset, bits.getLong(offset) & ~(1L << (fd & 63)));
    }

    /** FD_ISSET; false for a descriptor the set cannot hold. */
    public boolean isSet(int fd) {
        if (fd < 0 || fd >= FD_SETSIZE) {
            return false;
        }
        return (bits.getLong((fd >>> 6) * 8L) & (1L << (fd & 63))) != 0;
    }

    /** FD_ZERO. */
    public void zero() {
        bits.setMemory(0, SIZE_BYTES, (byte) 0);
    }

    /**
     * Copies the words of {@code source} that cover descriptors {@code 0..maxFd}: select(2)
     * overwrites the sets it is given, so a loop keeps master sets and hands the kernel copies.
     * Only the words up to maxFd matter, because select reads no further than nfds.
     */
    public void copyFrom(FdSet source, int maxFd) {
        int words = maxFd < 0 ? 0 : Math.min((maxFd >>> 6) + 1, FD_SETSIZE / 64);
        for (int w = 0; w < words; w++) {
            bits.putLong(w * 8L, source.bits.getLong(w * 8L));
        }
    }

    /** Word {@code w} (descriptors {@code 64w..64w+63}) as a long, for scanning 64 bits at a time. */
    public long word(int w) {
        return bits.getLong(w * 8L);
    }

    Pointer pointer() {
        return bits;
    }

    @Override
    public void close() {
        memory.close();
    }

    private static void check(int fd) {
        if (fd < 0 || fd >= FD_SETSIZE) {
            throw new IllegalArgumentException("fd " + fd + " cannot be watched by select(2): an fd_set holds "
                    + "descriptors 0.." + (FD_SETSIZE - 1) + " (FD_SETSIZE = " + FD_SETSIZE + ")");
        }
    }
}
