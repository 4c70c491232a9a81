package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;
import static io.muxlab.core.sys.Structs.SIZEOF_TIMEVAL;
import static io.muxlab.core.sys.Structs.TV_SEC;
import static io.muxlab.core.sys.Structs.TV_USEC;
import static io.muxlab.core.sys.Syscall.SELECT;

import jnr.ffi.Pointer;

/**
 * {@code select(2)}. Each call hands the kernel up to three bitmaps of {@code nfds} bits; the
 * kernel copies them in, polls every descriptor below {@code nfds}, and copies the bitmaps back
 * with only the ready bits left. The cost is O(nfds) per call however few descriptors are ready,
 * and FD_SETSIZE (1024) caps the descriptors it can watch at all.
 *
 * <p>Owns a {@code struct timeval} that it refills before every call (Linux overwrites it with the
 * time left); one thread at a time.
 */
public final class Select implements AutoCloseable {
    private final NativeMemory timeval = NativeMemory.allocate(SIZEOF_TIMEVAL);

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
            tv.putLong(TV_SEC, timeoutMicros / 1_000_000L);
            tv.putLong(TV_USEC, timeoutMicros % 1_000_000L);
        }
        String handed = SyscallTrace.sink != null ? "nfds " + nfds + ", readfds " + size(read, nfds) + " fds, writefds "
                + size(write, nfds) + " fds, timeout " + SyscallTrace.timeout(timeoutMicros, "µs") : null;
        long start = handed != null ? System.nanoTime() : 0;
        int n = SELECT.waited(LIBC.select(nfds, read == null ? null : read.pointer(), write == null ? null : write.pointer(), null, tv),
                "nfds ", nfds);
        if (handed != null && SyscallTrace.sink != null) {
            trace(handed, nfds, read, write, n, start);
        }
        return n;
    }

    /** {@code select(nfds 8, readfds 3 fds, writefds 0 fds, timeout ∞) = 1 after 950 µs: fd 7 in readfds}. */
    private static void trace(String handed, int nfds, FdSet read, FdSet write, int n, long start) {
        StringBuilder b = new StringBuilder("select(").append(handed).append(") = ").append(n)
                .append(" after ").append((System.nanoTime() - start) / 1_000).append(" µs");
        String sep = ": ";
        for (int fd = 0; fd < nfds && n > 0; fd++) {
            boolean r = read != null && read.isSet(fd);
            boolean w = write != null && write.isSet(fd);
            if (r || w) {
                b.append(sep).append("fd ").append(SyscallTrace.fd(fd)).append(r && w ? " in readfds and writefds" : r ? " in readfds" : " in writefds");
                sep = ", ";
            }
        }
        SyscallTrace.line(b.toString());
    }

    private static int size(FdSet set, int nfds) {
        int count = 0;
        for (int fd = 0; set != null && fd < nfds; fd++) {
            count += set.isSet(fd) ? 1 : 0;
        }
        return count;
    }

    @Override
    public void close() {
        timeval.close();
    }
}
