package io.muxlab.core.echo;

import io.muxlab.core.mux.Multiplexer;
import io.muxlab.core.sys.EventFd;
import io.muxlab.core.sys.Fds;
import io.muxlab.core.sys.Sockets;
import io.muxlab.core.sys.SyscallTrace;
import io.muxlab.core.trace.TraceSink;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * An {@link EchoServer} made of {@link EchoLoop} and a multiplexer: the whole of select-echo,
 * poll-echo and epoll-echo but the multiplexer each one passes in, so a module's server is one line:
 * {@code new MultiplexedEchoServer(SelectMultiplexer.NAME, SelectMultiplexer::new)}.
 *
 * <p>Resources: {@link #bind} opens the listening socket, the wake-up eventfd and the multiplexer
 * (and closes whatever it opened if it fails); {@link #run} closes all of them, and every
 * connection, before it returns, on every path. An instance serves once. With a trace on, it also
 * owns the {@link TraceSink} for the run: made when the loop starts, and drained (for at most
 * {@link #TRACE_DRAIN_MILLIS}) when it ends, with a line on standard error if lines were dropped.
 *
 * <p>Threading: bind and run on one thread (the loop's); {@link #stop} and {@link #stats} from any.
 */
public final class MultiplexedEchoServer implements EchoServer {
    /** The kernel caps this at net.core.somaxconn. */
    static final int BACKLOG = 4096;
    /** How long a stopping server waits for a slow trace reader before it gives up on the rest. */
    static final long TRACE_DRAIN_MILLIS = 2_000;

    private final String name;
    private final Supplier<Multiplexer> multiplexers;
    private final EchoCounters counters = new EchoCounters();
    /** Set by stop() on any thread; read by the loop once per turn. */
    private volatile boolean stopping;
    /** Created by bind, closed at the end of run; stop() may signal it from any thread (a no-op once closed). */
    private volatile EventFd wakeUp;
    private EchoConfig config;
    private Multiplexer mux;
    private int listenFd = -1;
    private boolean used;

    /**
     * @param name the name reports use, the same as the multiplexer's ({@code select}, {@code epoll-et}, ...)
     * @param multiplexers makes the multiplexer, on the thread that calls {@link #bind}
     */
    public MultiplexedEchoServer(String name, Supplier<Multiplexer> multiplexers) {
        this.name = name;
        this.multiplexers = multiplexers;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InetSocketAddress bind(EchoConfig cfg) {
        if (used) {
            throw new IllegalStateException(name + " echo server: bind may be called once");
        }
        used = true;
        int fd = Sockets.listen(cfg.host(), cfg.port(), BACKLOG);
        EventFd wake = null;
        Multiplexer m = null;
        try {
            wake = new EventFd();
            m = multiplexers.get();
            if (cfg.pitfall().edgeTriggered() && !m.edgeTriggered()) {
                throw new IllegalArgumentException("--pitfall " + cfg.pitfall().cliName() + " is an edge-triggered mistake, and "
                        + m.name() + " is level-triggered (epoll-echo --edge-triggered is not)");
            }
            int highest = Math.max(fd, wake.fd());
            if (highest > m.maxFd()) {
                throw new IllegalArgumentException("descriptor " + highest + " is beyond the largest " + m.name()
                        + " can watch (" + m.maxFd() + ")");
            }
            InetSocketAddress bound = Sockets.localAddress(fd);
            this.config = cfg;
            this.mux = m;
            this.listenFd = fd;
            this.wakeUp = wake;
            return bound;
        } catch (RuntimeException | Error e) {
            if (m != null) {
                m.close();
            }
            if (wake != null) {
                wake.close();
            }
            Fds.closeQuietly(fd);
            throw e;
        }
    }

    @Override
    public void run() {
        if (listenFd < 0) {
            throw new IllegalStateException(name + " echo server: bind must succeed before run, and run is called once");
        }
        TraceSink trace = config.trace() || config.traceSyscalls() ? new TraceSink(System.out, TraceSink.CAPACITY) : null;
        if (config.traceSyscalls()) {
            SyscallTrace.start(trace);
            SyscallTrace.label(listenFd, "listener");
            SyscallTrace.label(wakeUp.fd(), "wake-up");
        }
        try {
            new EchoLoop(mux, listenFd, wakeUp, config, counters, trace, System.err, System::nanoTime)
                    .run(() -> stopping);
        } finally {
            try {
                mux.close();
            } finally {
                wakeUp.close();
                Fds.close(listenFd);
                listenFd = -1;
                if (config.traceSyscalls()) {
                    SyscallTrace.stop();
                }
                closeTrace(trace, System.err);
            }
        }
    }

    /** Drains the trace (bounded) and says on {@code log} what a slow reader cost. */
    static void closeTrace(TraceSink trace, PrintStream log) {
        if (trace == null) {
            return;
        }
        boolean drained;
        try {
            drained = trace.close(TRACE_DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        if (trace.dropped() > 0) {
            log.println("trace: " + trace.dropped() + " line(s) dropped because standard output fell behind"
                    + " (the loop never waits for the trace)");
        }
        if (!drained) {
            log.println("trace: standard output is still blocked after " + TRACE_DRAIN_MILLIS
                    + " ms; the lines still queued are not written");
        }
    }

    @Override
    public void stop() {
        stopping = true;
        EventFd wake = wakeUp;
        if (wake != null) {
            wake.signal();
        }
    }

    @Override
    public EchoStats stats() {
        return counters.snapshot();
    }
}
