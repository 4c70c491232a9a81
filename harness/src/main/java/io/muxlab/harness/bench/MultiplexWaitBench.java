package io.muxlab.harness.bench;

import io.muxlab.core.sys.Epoll;
import io.muxlab.core.sys.Poll;
import io.muxlab.core.sys.PollFds;
import java.io.IOException;
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
 * The per-call cost of waiting (timeout 0) on {@code n} registered idle descriptors: poll and
 * epoll_wait through muxlab's syscall layer, and the JDK's {@code Selector.selectNow()} (epoll
 * underneath) — the microbenchmark beside the report's idle-descriptor chart. poll's cost grows
 * with n (the kernel copies and polls every entry); epoll_wait's does not (it returns the ready
 * list, here empty). The epoll_wait and selectNow columns are also one call through our layer
 * against the same call through the JDK. select is in {@link SelectWaitBench}: it cannot go past 1024.
 */
// About 45 s for 12 combinations in all: one fork, short iterations; the figures settle within them (JMH's defaults, five forks of
// ten 10-second iterations, would take 1 h 40 min). More: -f 3 -wi 5 -i 10 on the command line.
@Fork(1)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MultiplexWaitBench {

    /** poll and epoll over n idle pipe ends. */
    @State(Scope.Thread)
    public static class Ours {
        @Param({"10", "100", "1000", "10000"})
        int n;

        IdleDescriptors idle;
        PollFds pollFds;
        Epoll epoll;

        @Setup(Level.Trial)
        public void setUp() {
            idle = new IdleDescriptors(n);
            pollFds = new PollFds(n);
            epoll = new Epoll(64);
            for (int fd : idle.fds) {
                pollFds.add(fd, Poll.POLLIN);
                epoll.add(fd, Epoll.EPOLLIN, fd);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            epoll.close();
            pollFds.close();
            idle.close();
        }
    }

    /** The JDK's selector over n idle loopback socket ends (n / 2 connected pairs). */
    @State(Scope.Thread)
    public static class Jdk {
        @Param({"10", "100", "1000", "10000"})
        int n;

        IdleChannels idle;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            idle = new IdleChannels(n);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            idle.close();
        }
    }

    @Benchmark
    public int poll(Ours s) {
        return Poll.poll(s.pollFds, 0);
    }

    @Benchmark
    public int epollWait(Ours s) {
        return s.epoll.wait(0);
    }

    @Benchmark
    public int jdkSelectNow(Jdk s) throws IOException {
        return s.idle.selector.selectNow();
    }
}
