package io.muxlab.harness.timers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One thread of this process as the kernel accounts for it, found by name under
 * {@code /proc/self/task}: how often it went to sleep ({@code voluntary_ctxt_switches} in
 * {@code status} — a thread that blocks and is woken again counts one, so this is its wake-ups)
 * and its CPU time in nanoseconds ({@code schedstat}'s first field, finer than {@code stat}'s
 * 10 ms ticks). The kernel keeps 15 bytes of a thread's name, so names are compared on those.
 */
final class TaskStats {
    /** TASK_COMM_LEN is 16, the last byte a NUL. */
    static final int COMM_LENGTH = 15;

    /** Counters of one thread at one moment. */
    record Sample(long wakeUps, long cpuNanos) {
    }

    private final Path task;

    private TaskStats(Path task) {
        this.task = task;
    }

    /** The one thread called {@code name}; fails if there is none or more than one. */
    static TaskStats find(String name) throws IOException {
        String comm = comm(name);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(t.resolve("comm"), StandardCharsets.UTF_8).strip().equals(comm)) {
                        found.add(t);
                    }
                } catch (IOException ended) {
                    // The thread ended while we listed: not the one we want, which is running.
                }
            }
        }
        if (found.size() != 1) {
            throw new IOException((found.isEmpty() ? "no" : found.size()) + " thread(s) called '" + comm
                    + "' under /proc/self/task");
        }
        return new TaskStats(found.get(0));
    }

    Sample sample() throws IOException {
        return new Sample(voluntarySwitches(Files.readString(task.resolve("status"), StandardCharsets.UTF_8)),
                runNanos(Files.readString(task.resolve("schedstat"), StandardCharsets.UTF_8)));
    }

    /** The name as the kernel keeps it: at most 15 bytes. */
    static String comm(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= COMM_LENGTH ? name : new String(bytes, 0, COMM_LENGTH, StandardCharsets.UTF_8);
    }

    static long voluntarySwitches(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        throw new IllegalArgumentException("no voluntary_ctxt_switches in /proc/self/task/*/status");
    }

    /** schedstat: time on the CPU (ns), time waiting for it (ns), timeslices run. */
    static long runNanos(String schedstat) {
        return Long.parseLong(schedstat.strip().split("\\s+")[0]);
    }
}
