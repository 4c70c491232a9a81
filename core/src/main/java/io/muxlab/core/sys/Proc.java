package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;
import static io.muxlab.core.sys.Structs.RLIM_CUR;
import static io.muxlab.core.sys.Structs.RLIM_MAX;
import static io.muxlab.core.sys.Structs.SIZEOF_RLIMIT;
import static io.muxlab.core.sys.Syscall.GETPPID;
import static io.muxlab.core.sys.Syscall.GETRLIMIT;
import static io.muxlab.core.sys.Syscall.SETRLIMIT;

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
        try (NativeMemory rlimit = NativeMemory.allocate(SIZEOF_RLIMIT)) {
            GETRLIMIT.check(LIBC.getrlimit(RLIMIT_NOFILE, rlimit.pointer()), "RLIMIT_NOFILE");
            return new FileLimit(rlimit.pointer().getLong(RLIM_CUR), rlimit.pointer().getLong(RLIM_MAX));
        }
    }

    /** Sets RLIMIT_NOFILE; an unprivileged process may lower both and raise soft up to hard. */
    public static void setOpenFileLimit(long soft, long hard) {
        try (NativeMemory rlimit = NativeMemory.allocate(SIZEOF_RLIMIT)) {
            rlimit.pointer().putLong(RLIM_CUR, soft);
            rlimit.pointer().putLong(RLIM_MAX, hard);
            SETRLIMIT.check(LIBC.setrlimit(RLIMIT_NOFILE, rlimit.pointer()), "RLIMIT_NOFILE " + soft + "/", hard, "");
        }
    }

    /** The parent's pid: a syscall that does almost nothing, so its cost is the cost of the call. */
    public static int getppid() {
        return GETPPID.check(LIBC.getppid(), "");
    }
}
