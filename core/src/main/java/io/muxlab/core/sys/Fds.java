package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;
import static io.muxlab.core.sys.Syscall.CLOSE;
import static io.muxlab.core.sys.Syscall.PIPE2;

/**
 * Calls that work on any file descriptor: read, write, close, pipes.
 *
 * <p>{@code read} and {@code write} take the address of native memory and return the byte count,
 * or {@link #WOULD_BLOCK} when a non-blocking descriptor has nothing to give or no room (EAGAIN);
 * {@link Syscall#io} retries EINTR. Every other failure throws {@link SyscallException}.
 */
public final class Fds {
    /** Returned by {@link #read}, {@link #write} and {@link Sockets#accept} for EAGAIN. */
    public static final int WOULD_BLOCK = Syscall.WOULD_BLOCK;

    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;

    /** Non-capturing, so each is one object for the life of the process, and a constant to the JIT. */
    private static final Syscall.FdCall LIBC_READ = (fd, address, count) -> LIBC.read(fd, address, count);
    private static final Syscall.FdCall LIBC_WRITE = (fd, address, count) -> LIBC.write(fd, address, count);

    private Fds() {
    }

    /** Bytes read (0 at end of stream) or {@link #WOULD_BLOCK}. */
    public static long read(int fd, long address, long count) {
        return Syscall.READ.io(LIBC_READ, "fd ", fd, address, count);
    }

    /** Bytes written (possibly fewer than asked) or {@link #WOULD_BLOCK}. */
    public static long write(int fd, long address, long count) {
        return Syscall.WRITE.io(LIBC_WRITE, "fd ", fd, address, count);
    }

    /**
     * Closes {@code fd}. EINTR is not an error and is not retried: on Linux the descriptor is gone
     * even then, and a retry could close a descriptor another thread has just been given.
     */
    public static void close(int fd) {
        long r = CLOSE.call(LIBC.close(fd));
        if (SyscallTrace.sink != null) {
            SyscallTrace.line("close(" + SyscallTrace.fd(fd) + ") = " + SyscallTrace.result(r, (int) -r));
            SyscallTrace.unlabel(fd);
        }
        if (r < 0 && r != -Errno.EINTR) {
            throw CLOSE.failed((int) -r, "fd ", fd, "");
        }
    }

    /** Closes {@code fd} if it is valid (>= 0), ignoring failure: for error paths and cleanup. */
    public static void closeQuietly(int fd) {
        if (fd >= 0) {
            long r = CLOSE.call(LIBC.close(fd));
            if (SyscallTrace.sink != null) {
                SyscallTrace.line("close(" + SyscallTrace.fd(fd) + ") = " + SyscallTrace.result(r, (int) -r));
                SyscallTrace.unlabel(fd);
            }
        }
    }

    /** A pipe, both ends non-blocking and close-on-exec: {@code [readEnd, writeEnd]}. */
    public static int[] pipe() {
        int[] fds = new int[2];
        PIPE2.check(LIBC.pipe2(fds, O_NONBLOCK | O_CLOEXEC), "");
        return fds;
    }
}
