package io.muxlab.timer.bench;

import io.muxlab.core.timer.Timer;
import io.muxlab.core.timer.TimerService;
import io.muxlab.timer.TimerServices;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Schedule+cancel throughput with {@code live} timers armed: each operation cancels the oldest
 * timer of a ring and schedules a new one 10 to 20 minutes out, so the number of live timers stays
 * put and every cancel hits a timer deep inside the structure. The facilities are ours and the two
 * peers the harness's timer section also runs (its {@code ScheduleCancelWorkload} is this loop for
 * a fixed window): the JDK's {@link ScheduledThreadPoolExecutor} (one thread, remove-on-cancel)
 * and Netty's {@link HashedWheelTimer} (1 ms tick, 512 buckets).
 *
 * <p>What is measured is the caller's cost. The JDK executor does its heap work on the caller's
 * thread under a lock; ours and Netty's hand the work to their own thread (a queue), which keeps
 * up or not on the second core — at the end of each iteration the benchmark waits, untimed, until
 * the facility has caught up, so a backlog cannot carry over. fd-per-timer cannot hold a million
 * timers under the usual RLIMIT_NOFILE; that combination fails in setup with its refusal message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScheduleCancelBenchmark {
    private static final long MIN_DELAY = TimeUnit.MINUTES.toNanos(10);
    private static final Runnable NOTHING = () -> { };

    @Param({"heap", "wheel", "fd-per-timer", "stpe", "netty-hwt"})
    public String peer;

    @Param({"1000", "1000000"})
    public int live;

    private Facility timers;
    private Cancellable[] ring;
    private int next;
    private long random = 0x9E3779B97F4A7C15L;

    /** A scheduled task that can still be called off. */
    @FunctionalInterface
    interface Cancellable {
        boolean cancel();
    }

    /** The least each facility must do here: schedule a one-shot task, and close. */
    interface Facility extends AutoCloseable {
        Cancellable schedule(long delayNanos, Runnable task);

        @Override
        void close();
    }

    @Setup(Level.Trial)
    public void arm() throws InterruptedException {
        timers = open(peer);
        ring = new Cancellable[live];
        try {
            for (int i = 0; i < live; i++) {
                ring[i] = timers.schedule(delay(), NOTHING);
            }
        } catch (RuntimeException e) {
            timers.close();
            throw e;
        }
        caughtUp();
    }

    @TearDown(Level.Iteration)
    public void caughtUp() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        timers.schedule(0, ran::countDown);
        if (!ran.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(peer + " did not catch up within 60 s");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        timers.close();
    }

    @Benchmark
    public boolean scheduleAndCancel() {
        int i = next;
        next = i + 1 == live ? 0 : i + 1;
        boolean cancelled = ring[i].cancel();
        ring[i] = timers.schedule(delay(), NOTHING);
        return cancelled;
    }

    /** 10 to 20 minutes, from a xorshift generator: no allocation, no shared Random. */
    private long delay() {
        long x = random;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        random = x;
        return MIN_DELAY + Math.floorMod(x, MIN_DELAY);
    }

    static Facility open(String name) {
        switch (name) {
            case "stpe": {
                ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
                executor.setRemoveOnCancelPolicy(true);
                return new Facility() {
                    @Override
                    public Cancellable schedule(long delayNanos, Runnable task) {
                        ScheduledFuture<?> future = executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
                        return () -> future.cancel(false);
                    }

                    @Override
                    public void close() {
                        executor.shutdownNow();
                    }
                };
            }
            case "netty-hwt": {
                HashedWheelTimer wheel = new HashedWheelTimer(1, TimeUnit.MILLISECONDS, 512);
                return new Facility() {
                    @Override
                    public Cancellable schedule(long delayNanos, Runnable task) {
                        Timeout timeout = wheel.newTimeout(t -> task.run(), delayNanos, TimeUnit.NANOSECONDS);
                        return timeout::cancel;
                    }

                    @Override
                    public void close() {
                        wheel.stop();
                    }
                };
            }
            default: {
                TimerService service = TimerServices.create(name);
                return new Facility() {
                    @Override
                    public Cancellable schedule(long delayNanos, Runnable task) {
                        Timer timer = service.schedule(Duration.ofNanos(delayNanos), (t, n) -> task.run());
                        return timer::cancel;
                    }

                    @Override
                    public void close() {
                        service.close();
                    }
                };
            }
        }
    }
}
