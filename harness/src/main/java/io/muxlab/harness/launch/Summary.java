package io.muxlab.harness.launch;

import io.muxlab.core.cli.EchoSummary;
import io.muxlab.core.cli.ResultLine;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures the report takes from the summary an echo server prints when it stops
 * ({@link EchoSummary}, read with core's {@link ResultLine} like every other child's line).
 *
 * @param syscalls total syscalls made through muxlab's syscall layer; -1 if the server does not count them
 * @param perSyscall calls by syscall name (empty if not counted)
 */
public record Summary(long syscalls, Map<String, Long> perSyscall) {
    public static final Summary NONE = new Summary(-1, Map.of());

    public Summary {
        perSyscall = Collections.unmodifiableMap(new LinkedHashMap<>(perSyscall));
    }

    /** The summary in {@code line}; a server that made no counted syscall (a peer), or no line, gets {@link #NONE}. */
    public static Summary of(ResultLine line) {
        if (line == null) {
            return NONE;
        }
        long n = line.count("syscalls");
        Map<String, Long> detail = line.groupCounts();
        return n == 0 && detail.isEmpty() ? NONE : new Summary(n, detail);
    }

    /** The calls made since {@code earlier}, a summary of the same process taken before this one. */
    public Summary since(Summary earlier) {
        if (!counted() || !earlier.counted()) {
            return NONE;
        }
        Map<String, Long> delta = new LinkedHashMap<>();
        perSyscall.forEach((name, n) -> {
            long d = n - earlier.perSyscall.getOrDefault(name, 0L);
            if (d != 0) {
                delta.put(name, d);
            }
        });
        return new Summary(syscalls - earlier.syscalls, delta);
    }

    public boolean counted() {
        return syscalls >= 0;
    }
}
