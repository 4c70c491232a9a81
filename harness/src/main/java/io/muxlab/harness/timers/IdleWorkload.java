package io.muxlab.harness.timers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Idle cost: arms {@code timers} timers an hour or more away, lets the facility settle, then
 * counts over {@code windowNanos} what it costs while nothing is due: the wake-ups and CPU time of
 * the facility's own thread ({@link TaskStats}), and the CPU time of the whole process (the JDK's
 * {@link ProcessHandle.Info#totalCpuDuration}). The process figure includes the JVM's own background
 * threads (GC, JIT, the VM's periodic task), which is why the thread's figures are taken apart.
 */
final class IdleWorkload {
    private static final long FAR_AWAY_NANOS = TimeUnit.HOURS.toNanos(1);

    /** Rates per second over the measured window. */
    record Result(int timers, double wakeupsPerSecond, double cpuMillisPerSecond, double threadCpuMillisPerSecond) {
    }

    private IdleWorkload() {
    }

    static Result run(PeerTimers peer, int timers, long settleNanos, long windowNanos) throws InterruptedException, IOException {
        List<PeerTimers.Cancellable> armed = new ArrayList<>(timers);
        for (int i = 0; i < timers; i++) {
            armed.add(peer.schedule(FAR_AWAY_NANOS + TimeUnit.MILLISECONDS.toNanos(i), () -> { }));
        }
        TimeUnit.NANOSECONDS.sleep(settleNanos); // the facility places the timers, the JIT settles
        TaskStats thread = TaskStats.find(peer.threadName());
        TaskStats.Sample t0 = thread.sample();
        long cpu0 = processCpuNanos();
        long start = System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(windowNanos);
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu1 = processCpuNanos();
        TaskStats.Sample t1 = thread.sample();
        armed.forEach(PeerTimers.Cancellable::cancel);
        return new Result(timers, (t1.wakeUps() - t0.wakeUps()) / seconds, (cpu1 - cpu0) / 1e6 / seconds,
                (t1.cpuNanos() - t0.cpuNanos()) / 1e6 / seconds);
    }

    private static long processCpuNanos() throws IOException {
        return ProcessHandle.current().info().totalCpuDuration()
                .orElseThrow(() -> new IOException("the JDK cannot read this process's CPU time")).toNanos();
    }
}
