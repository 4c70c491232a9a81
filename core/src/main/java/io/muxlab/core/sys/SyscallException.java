package io.muxlab.core.sys;

/**
 * A syscall failed. Carries the call's name, errno, its symbolic name and the strerror text, so a
 * message reads like {@code accept4 failed: EMFILE (Too many open files)}.
 *
 * <p>Thrown only by {@link Syscall}'s chokepoint. EAGAIN and EINTR never arrive as this exception
 * from read, write, accept4 and the waits: those return them as values (would block, nothing
 * ready) because the event loops handle them as ordinary outcomes.
 */
public final class SyscallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String syscall;
    private final int errno;

    public SyscallException(String syscall, int errno, String context) {
        super(syscall + (context.isEmpty() ? "" : "(" + context + ")") + " failed: "
                + Errno.name(errno) + " (" + describe(errno) + ")");
        this.syscall = syscall;
        this.errno = errno;
    }

    public String syscall() {
        return syscall;
    }

    public int errno() {
        return errno;
    }

    public String errnoName() {
        return Errno.name(errno);
    }

    private static String describe(int errno) {
        String text = Native.LIBC.strerror(errno);
        return text == null ? "unknown error" : text;
    }
}
