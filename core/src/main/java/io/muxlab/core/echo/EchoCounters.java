package io.muxlab.core.echo;

import io.muxlab.core.sys.Syscall;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;

/**
 * An echo loop's counters, written by the loop thread only and read by anyone.
 *
 * <p>Single writer, so an increment needs no atomic read-modify-write: the loop reads plainly and
 * publishes with an opaque store (a plain {@code mov} on x86-64 and aarch64, no fence), and
 * readers load opaquely, which is enough to see each value whole and eventually. That keeps
 * counting off the hot path's cost.
 */
public final class EchoCounters {
    private static final VarHandle ACCEPTED;
    private static final VarHandle REFUSED;
    private static final VarHandle CLOSED;
    private static final VarHandle BYTES_READ;
    private static final VarHandle BYTES_WRITTEN;
    private static final VarHandle READS;
    private static final VarHandle WRITES;
    private static final VarHandle LISTENER_WAKEUPS;
    private static final VarHandle WAITS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            ACCEPTED = l.findVarHandle(EchoCounters.class, "accepted", long.class);
            REFUSED = l.findVarHandle(EchoCounters.class, "refused", long.class);
            CLOSED = l.findVarHandle(EchoCounters.class, "closed", long.class);
            BYTES_READ = l.findVarHandle(EchoCounters.class, "bytesRead", long.class);
            BYTES_WRITTEN = l.findVarHandle(EchoCounters.class, "bytesWritten", long.class);
            READS = l.findVarHandle(EchoCounters.class, "reads", long.class);
            WRITES = l.findVarHandle(EchoCounters.class, "writes", long.class);
            LISTENER_WAKEUPS = l.findVarHandle(EchoCounters.class, "listenerWakeups", long.class);
            WAITS = l.findVarHandle(EchoCounters.class, "waits", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long accepted;
    private long refused;
    private long closed;
    private long bytesRead;
    private long bytesWritten;
    private long reads;
    private long writes;
    private long listenerWakeups;
    private long waits;

    public void accepted() {
        ACCEPTED.setOpaque(this, accepted + 1);
    }

    public void refused() {
        REFUSED.setOpaque(this, refused + 1);
    }

    public void closed() {
        CLOSED.setOpaque(this, closed + 1);
    }

    public void read(long bytes) {
        BYTES_READ.setOpaque(this, bytesRead + bytes);
        READS.setOpaque(this, reads + 1);
    }

    public void written(long bytes) {
        BYTES_WRITTEN.setOpaque(this, bytesWritten + bytes);
        WRITES.setOpaque(this, writes + 1);
    }

    /** The multiplexer reported the listening socket readable to this loop. */
    public void listenerWakeup() {
        LISTENER_WAKEUPS.setOpaque(this, listenerWakeups + 1);
    }

    /** This loop came back from a wait. */
    public void waited() {
        WAITS.setOpaque(this, waits + 1);
    }

    /** This loop's share, for {@code --loops N}: who took the connections, and who was woken for them. */
    public LoopStats loopStats(int loop) {
        return new LoopStats(loop, (long) ACCEPTED.getOpaque(this), (long) READS.getOpaque(this), (long) WRITES.getOpaque(this),
                (long) LISTENER_WAKEUPS.getOpaque(this), (long) WAITS.getOpaque(this));
    }

    /** Snapshot with the process-wide syscall counts of muxlab's syscall layer. */
    public EchoStats snapshot() {
        return snapshot(Syscall.snapshot());
    }

    public EchoStats snapshot(Map<String, Long> syscalls) {
        return new EchoStats((long) ACCEPTED.getOpaque(this), (long) REFUSED.getOpaque(this),
                (long) CLOSED.getOpaque(this), (long) BYTES_READ.getOpaque(this),
                (long) BYTES_WRITTEN.getOpaque(this), (long) READS.getOpaque(this),
                (long) WRITES.getOpaque(this), syscalls);
    }
}
