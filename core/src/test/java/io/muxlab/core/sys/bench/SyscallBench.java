package io.muxlab.core.sys.bench;

import io.muxlab.core.sys.EventFd;
import io.muxlab.core.sys.Proc;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one cheap syscall costs through muxlab's jnr-ffi layer, beside the same kind of call through
 * the JDK's own JNI: a read that finds nothing on a non-blocking descriptor (EAGAIN), and getppid.
 *
 * <p>Run: {@code mvn -pl core -q test-compile exec:exec@jmh}
 */
// About 10 s for 3 benchmarks in all: one fork, short iterations; the figures settle within them (JMH's defaults, five forks of
// ten 10-second iterations, would take 25 minutes). More: -f 3 -wi 5 -i 10 on the command line.
@Fork(1)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SyscallBench {
    private EventFd eventFd;
    private Pipe pipe;
    private final ByteBuffer direct = ByteBuffer.allocateDirect(8);

    @Setup
    public void open() throws IOException {
        eventFd = new EventFd();
        pipe = Pipe.open();
        pipe.source().configureBlocking(false);
    }

    @TearDown
    public void close() throws IOException {
        eventFd.close();
        pipe.source().close();
        pipe.sink().close();
    }

    /** read(2) of an empty non-blocking eventfd through jnr-ffi: returns EAGAIN. */
    @Benchmark
    public long jnrReadEmptyEventFd() {
        return eventFd.drain();
    }

    /** read(2) of an empty non-blocking pipe through the JDK's NIO (JNI): returns EAGAIN, 0 bytes. */
    @Benchmark
    public int jdkReadEmptyPipe() throws IOException {
        direct.clear();
        return pipe.source().read(direct);
    }

    /** getppid(2) through jnr-ffi: the syscall does nearly nothing, so this is the call's overhead. */
    @Benchmark
    public int jnrGetppid() {
        return Proc.getppid();
    }

    /** The JDK's cached pid: no syscall at all, the floor to read the others against. */
    @Benchmark
    public long jdkCachedPid() {
        return ProcessHandle.current().pid();
    }
}
