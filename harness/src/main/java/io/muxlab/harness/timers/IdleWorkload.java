package io.muxlab.harness.timers;

import io.muxlab.core.timer.Timer;
import io.muxlab.core.timer.TimerCallback;
import io.muxlab.core.timer.TimerService;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What a facility costs while little or nothing is due: the wake-ups and CPU time of its own
 * thread ({@link TaskStats}) and the CPU time of the whole process (the JDK's
 * {@link ProcessHandle.Info#totalCpuDuration}; it includes the JVM's own background threads, which
 * is why the thread's figures are taken apart). Two shapes, armed before the window opens so that
 * handing the timers over costs the window nothing:
 * <ul>
 *   <li>{@link #far}: {@code timers} timers an hour or more away (0: an empty facility) — nothing is
 *       due in the window, so every wake-up is the facility's own;
 *   <li>{@link #due}: {@code perSecond} timers a second due at random inside the window (10: sparse,
 *       10 000: dense) — a tickless facility wakes about once per distinct due moment, which the
 *       result counts at the wheels' 1 ms tick ({@code dueTicksPerSecond}).
 * </ul>
 */
final class IdleWorkload {
    private static final long FAR_AWAY_NANOS = TimeUnit.HOURS.toNanos(1);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final TimerCallback NOTHING = (t, n) -> { };

    /** Rates per second over the measured window; {@code dueTicksPerSecond} is 0 for {@link #far}. */
    record Result(double wakeupsPerSecond, double dueTicksPerSecond, double cpuMillisPerSecond,
            double threadCpuMillisPerSecond) {
    }

    private IdleWorkload() {
    }

    /** {@code repeats} consecutive windows over one set of timers an hour or more away. */
    static List<Result> far(TimerService service, int timers, long settleNanos, long windowNanos, int repeats)
            throws InterruptedException, IOException {
        List<Timer> armed = new ArrayList<>(timers);
        for (int i = 0; i < timers; i++) {
            armed.add(service.schedule(Duration.ofNanos(FAR_AWAY_NANOS + TimeUnit.MILLISECONDS.toNanos(i)), NOTHING));
        }
        List<Result> out = measure(service, settleNanos, windowNanos, new long[repeats]);
        armed.forEach(Timer::cancel);
        return out;
    }

    /**
     * {@code repeats} consecutive windows with {@code perSecond} timers a second due at random
     * through all of them, every timer armed before the first opens; each window counts the
     * distinct ticks that held a deadline inside it.
     */
    static List<Result> due(TimerService service, int perSecond, long settleNanos, long windowNanos, int repeats)
            throws InterruptedException, IOException {
        long span = windowNanos * repeats;
        int timers = (int) Math.max(1, Math.round(perSecond * (span / 1e9)));
        long opens = System.nanoTime() + settleNanos;
        Random random = new Random(perSecond);
        List<Timer> armed = new ArrayList<>(timers);
        List<Set<Long>> ticks = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            ticks.add(new HashSet<>());
        }
        for (int i = 0; i < timers; i++) {
            long offset = (long) (random.nextDouble() * span);
            ticks.get((int) (offset / windowNanos)).add((opens + offset) / TICK_NANOS);
            armed.add(service.schedule(Duration.ofNanos(opens + offset - System.nanoTime()), NOTHING));
        }
        long[] dueTicks = ticks.stream().mapToLong(Set::size).toArray();
        List<Result> out = measure(service, Math.max(0, opens - System.nanoTime()), windowNanos, dueTicks);
        armed.forEach(Timer::cancel);
        return out;
    }

    /** One result per entry of {@code dueTicks} (the due ticks of that window), windows back to back. */
    private static List<Result> measure(TimerService service, long settleNanos, long windowNanos, long[] dueTicks)
            throws InterruptedException, IOException {
        TaskStats thread = TaskStats.ofCallbacks(service);
        TimeUnit.NANOSECONDS.sleep(settleNanos); // the facility places the timers, the JIT settles
        List<Result> out = new ArrayList<>();
        TaskStats.Sample t0 = thread.sample();
        long cpu0 = processCpuNanos();
        long start = System.nanoTime();
        for (long ticks : dueTicks) {
            TimeUnit.NANOSECONDS.sleep(start + windowNanos - System.nanoTime());
            long end = System.nanoTime();
            long cpu1 = processCpuNanos();
            TaskStats.Sample t1 = thread.sample();
            double seconds = (end - start) / 1e9;
            out.add(new Result((t1.wakeUps() - t0.wakeUps()) / seconds, ticks / seconds, (cpu1 - cpu0) / 1e6 / seconds,
                    (t1.cpuNanos() - t0.cpuNanos()) / 1e6 / seconds));
            t0 = t1;
            cpu0 = cpu1;
            start = end;
        }
        return out;
    }

    private static long processCpuNanos() throws IOException {
        return ProcessHandle.current().info().totalCpuDuration()
                .orElseThrow(() -> new IOException("the JDK cannot read this process's CPU time")).toNanos();
    }
}
