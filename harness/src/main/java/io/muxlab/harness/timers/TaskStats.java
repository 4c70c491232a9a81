package io.muxlab.harness.timers;

import io.muxlab.core.timer.TimerService;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * One thread of this process: its CPU time from the JDK ({@link ThreadMXBean},
 * nanoseconds), and what only the kernel tells, from {@code /proc/self/task}: how often it went to
 * sleep ({@code voluntary_ctxt_switches} in {@code status} — a thread that blocks and is woken
 * again counts one, so this is its wake-ups). The kernel keeps 15 bytes of a thread's name, so
 * names are compared on those there.
 */
final class TaskStats {
    /** TASK_COMM_LEN is 16, the last byte a NUL. */
    static final int COMM_LENGTH = 15;

    /** Counters of one thread at one moment. */
    record Sample(long wakeUps, long cpuNanos) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Path task;
    private final long threadId;

    private TaskStats(Path task, long threadId) {
        this.task = task;
        this.threadId = threadId;
    }

    /**
     * The thread that runs {@code service}'s callbacks, found by running one there: the harness
     * needs to know no facility's naming.
     */
    static TaskStats ofCallbacks(TimerService service) throws IOException, InterruptedException {
        AtomicReference<Thread> ran = new AtomicReference<>();
        CountDownLatch fired = new CountDownLatch(1);
        service.schedule(Duration.ZERO, (t, n) -> {
            ran.set(Thread.currentThread());
            fired.countDown();
        });
        if (!fired.await(30, TimeUnit.SECONDS)) {
            throw new IOException(service.name() + " did not run a timer due now within 30 s");
        }
        return find(ran.get().getName());
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
        List<Thread> threads = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).toList();
        if (threads.size() != 1) {
            throw new IOException((threads.isEmpty() ? "no" : threads.size()) + " Java thread(s) called '" + name + "'");
        }
        return new TaskStats(found.get(0), threads.get(0).getId());
    }

    Sample sample() throws IOException {
        long cpu = THREADS.getThreadCpuTime(threadId);
        if (cpu < 0) {
            throw new IOException("the JVM measures no CPU time for thread " + threadId + " (ended, or not supported)");
        }
        return new Sample(voluntarySwitches(Files.readString(task.resolve("status"), StandardCharsets.UTF_8)), cpu);
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
}
