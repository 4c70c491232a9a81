package io.muxlab.timer.bench;

import io.muxlab.core.sys.Syscall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Idle cost: arms {@code timers} timers an hour or more away, lets the facility settle, then
 * counts over {@code measureNanos} what it costs while nothing is due — process CPU time, context
 * switches of all the process's threads (each wake-up of a sleeping thread is one), and, for our
 * strategies, epoll_wait calls (exactly the loop's wake-ups). Process-wide figures include the
 * JVM's own background threads: compare against the {@code idle 0} row.
 */
public final class IdleWorkload {

    /** Rates per second over the measured interval. */
    public record Result(String peer, int timers, double contextSwitchesPerSecond, double epollWaitsPerSecond,
            double cpuMillisPerSecond) {
    }

    private IdleWorkload() {
    }

    public static Result run(PeerTimers peer, int timers, long measureNanos) throws InterruptedException {
        List<PeerTimers.Cancellable> armed = new ArrayList<>(timers);
        for (int i = 0; i < timers; i++) {
            armed.add(peer.schedule(TimeUnit.HOURS.toNanos(1) + TimeUnit.MILLISECONDS.toNanos(i), () -> { }));
        }
        Thread.sleep(1_000); // let the JIT and the facility settle
        long cpu0 = processCpuNanos();
        long switches0 = contextSwitches();
        long waits0 = Syscall.EPOLL_WAIT.calls();
        long t0 = System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(measureNanos);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Result result = new Result(peer.name(), timers, (contextSwitches() - switches0) / seconds,
                (Syscall.EPOLL_WAIT.calls() - waits0) / seconds, (processCpuNanos() - cpu0) / 1e6 / seconds);
        armed.forEach(PeerTimers.Cancellable::cancel);
        return result;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Voluntary and involuntary context switches summed over every thread of this process. */
    private static long contextSwitches() {
        long sum = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException e) {
                    // The thread ended while we listed: its switches are gone with it.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sum;
    }
}
