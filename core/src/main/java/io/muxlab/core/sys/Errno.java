package io.muxlab.core.sys;

/**
 * The errno values the loops act on, and the symbolic name of any errno (from jnr-constants, which
 * carries the platform's table). Values are Linux's, the same on x86-64 and aarch64.
 */
public final class Errno {
    public static final int EPERM = 1;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EBUSY = 16;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int EPIPE = 32;
    public static final int ENOSYS = 38;
    public static final int ETIME = 62;
    public static final int ECONNABORTED = 103;
    public static final int ECONNRESET = 104;
    public static final int ECANCELED = 125;

    private Errno() {
    }

    /** {@code "EMFILE"} for 24; {@code "errno 999"} for a value the table does not know. */
    public static String name(int errno) {
        jnr.constants.platform.Errno e = jnr.constants.platform.Errno.valueOf(errno);
        return e.defined() ? e.name() : "errno " + errno;
    }
}
