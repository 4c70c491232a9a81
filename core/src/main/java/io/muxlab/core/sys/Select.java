package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;

import jnr.ffi.Pointer;

/**
 * {@code select(2)}. Each call hands the kernel up to three bitmaps of {@code nfds} bits; the
 * kernel copies them in, polls every descriptor below {@code nfds}, and copies the bitmaps back
 * with only the ready bits left. The cost is O(nfds) per call however few descriptors are ready,
 * and FD_SETSIZE (1024) caps the descriptors it can watch at all.
 *
 * <p>Owns a {@code struct timeval} that it reuses; one thread at a time.
 */
public final class Select implements AutoCloseable {
    private final NativeMemory timeval = NativeMemory.allocate(16);

    /**
     * Waits until a descriptor in the sets is ready or the timeout passes.
     *
     * @param nfds the highest descriptor in any set, plus one
     * @param read descriptors to watch for reading, or null; overwritten with the ready ones
     * @param write descriptors to watch for writing, or null; overwritten with the ready ones
     * @param timeoutMicros negative: wait forever; 0: return at once
     * @return the number of ready bits; 0 on timeout or when a signal interrupted the wait (EINTR)
     */
    public int select(int nfds, FdSet read, FdSet write, long timeoutMicros) {
        Pointer tv = null;
        if (timeoutMicros >= 0) {
            tv = timeval.pointer();
            tv.putLong(0, timeoutMicros / 1_000_000L);
            tv.putLong(8, timeoutMicros % 1_000_000L);
        }
        Syscall.SELECT.count();
        int n = LIBC.select(nfds, read == null ? null : read.pointer(), write == null ? null : write.pointer(), null, tv);
        if (n >= 0) {
            return n;
        }
        int errno = Native.errno();
        if (errno == Errno.EINTR) {
            return 0;
        }
        throw new SyscallException("select", errno, "nfds " + nfds);
    }

    @Override
    public void close() {
        timeval.close();
    }
}
