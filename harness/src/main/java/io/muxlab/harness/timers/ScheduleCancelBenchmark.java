package io.muxlab.harness.timers;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.muxlab.harness.timers.PeerTimers.Cancellable;
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
 * put and every cancel hits a timer deep inside the structure. The facilities are the timer
 * section's, through the same adapters ({@link Peers}): ours and the JDK's
 * {@code ScheduledThreadPoolExecutor} (one thread, remove-on-cancel) and Netty's
 * {@code HashedWheelTimer} (1 ms tick, 512 buckets). The section's {@link ScheduleCancelWorkload}
 * is this loop for a fixed window. Run with
 * {@code java -cp harness/target/harness.jar org.openjdk.jmh.Main ScheduleCancelBenchmark}.
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

    private PeerTimers timers;
    private Cancellable[] ring;
    private int next;
    private long random = 0x9E3779B97F4A7C15L;

    @Setup(Level.Trial)
    public void arm() throws InterruptedException {
        timers = Peers.create(peer);
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
}
