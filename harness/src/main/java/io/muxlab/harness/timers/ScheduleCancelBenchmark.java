package io.muxlab.harness.timers;

import io.muxlab.core.timer.TimerService;
import io.muxlab.timer.TimerServices;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Schedule+cancel throughput with {@code live} timers armed: the loop of {@link ScheduleCancelRing}
 * under JMH. The facilities are the timer section's, as core's TimerService ({@link Peers}):
 * ours and the JDK's {@code ScheduledThreadPoolExecutor} (one thread, remove-on-cancel) and Netty's
 * {@code HashedWheelTimer} (1 ms tick, 512 buckets). The section's {@link ScheduleCancelWorkload}
 * runs the same loop for a fixed window. Run with
 * {@code java -cp harness/target/harness.jar org.openjdk.jmh.Main ScheduleCancelBenchmark}.
 *
 * <p>What is measured is the caller's cost. The JDK executor does its heap work on the caller's
 * thread under a lock; ours and Netty's hand the work to their own thread (a queue), which keeps
 * up or not on the second core — at the end of each iteration the benchmark waits, untimed, until
 * the facility has caught up, so a backlog cannot carry over. fd-per-timer cannot hold a million
 * timers under the usual RLIMIT_NOFILE; that combination fails in setup with its refusal message.
 */
// About 40 s for 10 combinations (arming a million timers included) in all: one fork, short iterations; the figures settle within them (JMH's defaults, five forks of
// ten 10-second iterations, would take 80 minutes). More: -f 3 -wi 5 -i 10 on the command line.
@Fork(1)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScheduleCancelBenchmark {
    @Param({TimerServices.HEAP, TimerServices.WHEEL, TimerServices.FD_PER_TIMER, Peers.STPE, Peers.NETTY_HWT})
    public String peer;

    @Param({"1000", "1000000"})
    public int live;

    private TimerService timers;
    private ScheduleCancelRing ring;

    @Setup(Level.Trial)
    public void arm() throws InterruptedException {
        timers = Peers.create(peer);
        try {
            ring = new ScheduleCancelRing(timers, live);
        } catch (RuntimeException e) {
            timers.close();
            throw e;
        }
    }

    @TearDown(Level.Iteration)
    public void caughtUp() throws InterruptedException {
        ring.caughtUp();
    }

    @TearDown(Level.Trial)
    public void close() {
        timers.close();
    }

    @Benchmark
    public boolean scheduleAndCancel() {
        return ring.scheduleAndCancel();
    }
}
