package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;

/**
 * Calls that work on any file descriptor: read, write, close, non-blocking mode, pipes.
 *
 * <p>{@code read} and {@code write} take the address of native memory and return the byte count,
 * or {@link #WOULD_BLOCK} when a non-blocking descriptor has nothing to give or no room (EAGAIN).
 * EINTR is retried here; every other failure throws {@link SyscallException}.
 */
public final class Fds {
    /** Returned by {@link #read} and {@link #write} for EAGAIN. */
    public static final int WOULD_BLOCK = -1;

    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;

    private Fds() {
    }

    /** Bytes read (0 at end of stream) or {@link #WOULD_BLOCK}. */
    public static long read(int fd, long address, long count) {
        while (true) {
            Syscall.READ.count();
            long n = LIBC.read(fd, address, count);
            if (n >= 0) {
                return n;
            }
            int errno = Native.errno();
            if (errno == Errno.EAGAIN) {
                return WOULD_BLOCK;
            }
            if (errno != Errno.EINTR) {
                throw new SyscallException("read", errno, "fd " + fd);
            }
        }
    }

    /** Bytes written (possibly fewer than asked) or {@link #WOULD_BLOCK}. */
    public static long write(int fd, long address, long count) {
        while (true) {
            Syscall.WRITE.count();
            long n = LIBC.write(fd, address, count);
            if (n >= 0) {
                return n;
            }
            int errno = Native.errno();
            if (errno == Errno.EAGAIN) {
                return WOULD_BLOCK;
            }
            if (errno != Errno.EINTR) {
                throw new SyscallException("write", errno, "fd " + fd);
            }
        }
    }

    /**
     * Closes {@code fd}. Not retried on EINTR: on Linux the descriptor is gone even then, and a
     * retry could close a descriptor another thread has just been given.
     */
    public static void close(int fd) {
        Syscall.CLOSE.count();
        if (LIBC.close(fd) < 0) {
            int errno = Native.errno();
            if (errno != Errno.EINTR) {
                throw new SyscallException("close", errno, "fd " + fd);
            }
        }
    }

    /** Closes {@code fd} if it is valid (>= 0), ignoring failure: for error paths and cleanup. */
    public static void closeQuietly(int fd) {
        if (fd >= 0) {
            Syscall.CLOSE.count();
            LIBC.close(fd);
        }
    }

    public static void setNonBlocking(int fd, boolean nonBlocking) {
        Syscall.FCNTL.count();
        int flags = LIBC.fcntl(fd, F_GETFL, 0);
        if (flags < 0) {
            throw SyscallException.fromErrno("fcntl", "fd " + fd + ", F_GETFL");
        }
        int wanted = nonBlocking ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
        if (wanted != flags) {
            Syscall.FCNTL.count();
            if (LIBC.fcntl(fd, F_SETFL, wanted) < 0) {
                throw SyscallException.fromErrno("fcntl", "fd " + fd + ", F_SETFL");
            }
        }
    }

    public static boolean isNonBlocking(int fd) {
        Syscall.FCNTL.count();
        int flags = LIBC.fcntl(fd, F_GETFL, 0);
        if (flags < 0) {
            throw SyscallException.fromErrno("fcntl", "fd " + fd + ", F_GETFL");
        }
        return (flags & O_NONBLOCK) != 0;
    }

    /** A pipe, both ends non-blocking and close-on-exec: {@code [readEnd, writeEnd]}. */
    public static int[] pipe() {
        int[] fds = new int[2];
        Syscall.PIPE2.count();
        if (LIBC.pipe2(fds, O_NONBLOCK | O_CLOEXEC) < 0) {
            throw SyscallException.fromErrno("pipe2", "");
        }
        return fds;
    }
}
