package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;

/** Process-wide facts: the descriptor limit (RLIMIT_NOFILE), and {@code getppid}, the cheapest syscall there is. */
public final class Proc {
    static final int RLIMIT_NOFILE = 7;
    /** {@code RLIM_INFINITY}: all bits set. */
    public static final long UNLIMITED = -1L;

    /** Soft and hard RLIMIT_NOFILE; {@link #UNLIMITED} where there is none. */
    public record FileLimit(long soft, long hard) {
    }

    private Proc() {
    }

    public static FileLimit openFileLimit() {
        try (NativeMemory rlimit = NativeMemory.allocate(16)) {
            Syscall.GETRLIMIT.count();
            if (LIBC.getrlimit(RLIMIT_NOFILE, rlimit.pointer()) < 0) {
                throw SyscallException.fromErrno("getrlimit", "RLIMIT_NOFILE");
            }
            return new FileLimit(rlimit.pointer().getLong(0), rlimit.pointer().getLong(8));
        }
    }

    /** Sets RLIMIT_NOFILE; an unprivileged process may lower both and raise soft up to hard. */
    public static void setOpenFileLimit(long soft, long hard) {
        try (NativeMemory rlimit = NativeMemory.allocate(16)) {
            rlimit.pointer().putLong(0, soft);
            rlimit.pointer().putLong(8, hard);
            Syscall.SETRLIMIT.count();
            if (LIBC.setrlimit(RLIMIT_NOFILE, rlimit.pointer()) < 0) {
                throw SyscallException.fromErrno("setrlimit", "RLIMIT_NOFILE " + soft + "/" + hard);
            }
        }
    }

    /** The parent's pid: a syscall that does almost nothing, so its cost is the cost of the call. */
    public static int getppid() {
        Syscall.GETPPID.count();
        return LIBC.getppid();
    }
}
