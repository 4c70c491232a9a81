package io.muxlab.harness.bench;

import io.muxlab.core.sys.FdSet;
import io.muxlab.core.sys.Select;
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
 * The per-call cost of select(2) (timeout 0) watching {@code n} idle descriptors, including the
 * copy of the master set that every select loop makes because the kernel overwrites the set it is
 * given. n stays under FD_SETSIZE (1024) with room for the JVM's own descriptors; setup fails
 * with a clear message if a descriptor lands at 1024 or above.
 */
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
