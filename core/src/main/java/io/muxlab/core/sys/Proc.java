package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;
import static io.muxlab.core.sys.Structs.RLIM_CUR;
import static io.muxlab.core.sys.Structs.RLIM_MAX;
import static io.muxlab.core.sys.Structs.SIZEOF_RLIMIT;
import static io.muxlab.core.sys.Structs.SIZEOF_TIMESPEC;
import static io.muxlab.core.sys.Structs.TV_NSEC;
import static io.muxlab.core.sys.Structs.TV_SEC;
import static io.muxlab.core.sys.Syscall.CLOCK_GETTIME;
import static io.muxlab.core.sys.Syscall.GETPPID;
import static io.muxlab.core.sys.Syscall.GETRLIMIT;
import static io.muxlab.core.sys.Syscall.SETRLIMIT;

/**
 * Process-wide facts: the descriptor limit (RLIMIT_NOFILE), {@code getppid}, the cheapest syscall
 * there is, and another process's CPU time to the nanosecond.
 */
public final class Proc {
    static final int RLIMIT_NOFILE = 7;
    /** The CPU-time clocks' kind that counts every nanosecond run ({@code CPUCLOCK_SCHED}, linux/posix-timers.h). */
    static final int CPUCLOCK_SCHED = 2;
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

    /**
     * The CPU time process {@code pid} has used so far, in nanoseconds: all its threads', those that
     * have ended included, read from its CPU-time clock ({@code clock_gettime}; unlike the process's
     * own clocks it is not in the vDSO, so this is a syscall). {@code /proc/PID/stat}, which the JDK's
     * {@code ProcessHandle} reads, gives the same time in 10 ms ticks: too coarse for a window of a
     * fraction of a second.
     */
    public static long cpuNanos(long pid) {
        try (NativeMemory ts = NativeMemory.allocate(SIZEOF_TIMESPEC)) {
            CLOCK_GETTIME.check(LIBC.clock_gettime(processCpuClock(pid), ts.pointer()), "the CPU-time clock of pid ", pid, "");
            return ts.pointer().getLong(TV_SEC) * 1_000_000_000L + ts.pointer().getLong(TV_NSEC);
        }
    }

    /** The clock id of a process's CPU time: glibc's clock_getcpuclockid, {@code MAKE_PROCESS_CPUCLOCK(pid, CPUCLOCK_SCHED)}. */
    static int processCpuClock(long pid) {
        return (~(int) pid << 3) | CPUCLOCK_SCHED;
    }

    /** The parent's pid: a syscall that does almost nothing, so its cost is the cost of the call. */
    public static int getppid() {
        return GETPPID.check(LIBC.getppid(), "");
    }
}
