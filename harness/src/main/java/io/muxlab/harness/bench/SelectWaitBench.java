package io.muxlab.harness.bench;

import io.muxlab.core.sys.FdSet;
import io.muxlab.core.sys.Select;
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
 * The per-call cost of select(2) (timeout 0) watching {@code n} idle descriptors, including the
 * copy of the master set that every select loop makes because the kernel overwrites the set it is
 * given. n stays under FD_SETSIZE (1024) with room for the JVM's own descriptors; setup fails
 * with a clear message if a descriptor lands at 1024 or above.
 */
// About 10 s for 3 combinations in all: one fork, short iterations; the figures settle within them (JMH's defaults, five forks of
// ten 10-second iterations, would take 25 minutes). More: -f 3 -wi 5 -i 10 on the command line.
@Fork(1)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class SelectWaitBench {
    @Param({"10", "100", "900"})
    int n;

    private IdleDescriptors idle;
    private FdSet master;
    private FdSet ready;
    private Select select;
    private int nfds;

    @Setup(Level.Trial)
    public void setUp() {
        idle = new IdleDescriptors(n);
        master = new FdSet();
        ready = new FdSet();
        select = new Select();
        for (int fd : idle.fds) {
            master.set(fd);
        }
        nfds = idle.max() + 1;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        select.close();
        ready.close();
        master.close();
        idle.close();
    }

    @Benchmark
    public int select() {
        ready.copyFrom(master, nfds - 1);
        return select.select(nfds, ready, null, 0);
    }
}
