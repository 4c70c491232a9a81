package io.muxlab.harness.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process from {@code /proc/PID/stat}: utime + stime, all its threads together
 * (fields 14 and 15, in clock ticks). Ticks are USER_HZ, which Linux fixes at 100 for user space,
 * so the resolution is 10 ms: measured windows are seconds long so that this stays small.
 * CPU of a process's own children (a shell wrapper's) is not included.
 */
public final class ProcStat {
    static final long NANOS_PER_TICK = 10_000_000L;

    private ProcStat() {
    }

    /** CPU time used so far by process {@code pid}, in nanoseconds. */
    public static long cpuNanos(long pid) throws IOException {
        return parseCpuNanos(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /** The comm field may hold spaces and parentheses, so fields are counted from the last ')'. */
    static long parseCpuNanos(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + stat);
        }
        String[] f = stat.substring(close + 2).trim().split(" +");
        // f[0] is field 3 (state), so field n is f[n - 3]
        long utime = Long.parseLong(f[14 - 3]);
        long stime = Long.parseLong(f[15 - 3]);
        return (utime + stime) * NANOS_PER_TICK;
    }
}
