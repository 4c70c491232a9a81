package io.muxlab.core.echo;

import io.muxlab.core.sys.SyscallTrace;
import io.muxlab.core.trace.TraceSink;
import java.io.PrintStream;

/**
 * The trace of one server run, whichever loop serves it (the readiness loops, the io_uring
 * completion loop): the {@link TraceSink} behind {@code --trace} and {@code --trace=syscalls},
 * made when the run starts and, at {@link #close}, drained for at most {@link #DRAIN_MILLIS}, with
 * a line on the log if lines were dropped or are still stuck. A stalled reader so costs trace
 * lines and at most that wait at the end, never a client's echo or the shutdown.
 *
 * <p>Threading: made and closed by the thread that runs the server, after its loops end; the
 * sink itself takes lines from any thread.
 */
public final class ServerTrace implements AutoCloseable {
    /** How long a stopping server waits for a slow trace reader before it gives up on the rest. */
    public static final long DRAIN_MILLIS = 2_000;

    /** Where lines go, or null: no trace asked for. */
    private final TraceSink sink;
    private final boolean events;
    private final boolean syscalls;
    private final PrintStream log;

    private ServerTrace(TraceSink sink, boolean events, boolean syscalls, PrintStream log) {
        this.sink = sink;
        this.events = events;
        this.syscalls = syscalls;
        this.log = log;
    }

    /**
     * Starts the run's trace: none, the loop's events, or (with {@code syscalls}) every call of the
     * syscall layer through {@link SyscallTrace}.
     */
    public static ServerTrace start(boolean events, boolean syscalls, PrintStream out, PrintStream log) {
        TraceSink sink = events || syscalls ? new TraceSink(out, TraceSink.CAPACITY) : null;
        if (syscalls) {
            SyscallTrace.start(sink);
        }
        return new ServerTrace(sink, events, syscalls, log);
    }

    /** The sink for the loop's own event lines ({@code --trace=events}), or null when they are off. */
    public TraceSink events() {
        return events ? sink : null;
    }

    /** Names {@code fd} in the syscall trace ({@code listener}, {@code wake-up}); a no-op otherwise. */
    public void label(int fd, String what) {
        if (syscalls) {
            SyscallTrace.label(fd, what);
        }
    }

    /** Stops the syscall trace, drains the sink (bounded) and says on the log what a slow reader cost. */
    @Override
    public void close() {
        if (syscalls) {
            SyscallTrace.stop();
        }
        if (sink == null) {
            return;
        }
        boolean drained;
        try {
            drained = sink.close(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        if (sink.dropped() > 0) {
            log.println("trace: " + sink.dropped() + " line(s) dropped because standard output fell behind"
                    + " (the loop never waits for the trace)");
        }
        if (!drained) {
            log.println("trace: standard output is still blocked after " + DRAIN_MILLIS
                    + " ms; the lines still queued are not written");
        }
    }
}
