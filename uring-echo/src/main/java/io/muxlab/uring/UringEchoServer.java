package io.muxlab.uring;

import io.muxlab.core.echo.EchoConfig;
import io.muxlab.core.echo.EchoCounters;
import io.muxlab.core.echo.EchoServer;
import io.muxlab.core.echo.EchoStats;
import io.muxlab.core.echo.Pitfall;
import io.muxlab.core.echo.ServerTrace;
import io.muxlab.core.sys.EventFd;
import io.muxlab.core.sys.Fds;
import io.muxlab.core.sys.IoUring;
import io.muxlab.core.sys.NativeMemory;
import io.muxlab.core.sys.Sockets;
import java.net.InetSocketAddress;

/**
 * The completion-loop echo server ({@code uring}): the listening socket, the wake-up eventfd, the
 * ring and the eventfd's read buffer, around one {@link CompletionLoop}.
 *
 * <p>Resources: {@link #bind} opens all four (and closes whatever it opened if it fails);
 * {@link #run} closes all of them, and every connection, before it returns, on every path. The
 * ring is set up with SINGLE_ISSUER and DEFER_TASKRUN (6.1): only the loop thread submits, and the
 * kernel runs completion work when that thread enters to wait, not by interrupting it, so
 * completions arrive in batches at the moment the loop asks. That is why bind and run must be
 * on the same thread (the {@link EchoServer} contract says so). An instance serves once.
 *
 * <p>{@code --pitfall} and {@code --idle-timeout} are refused ({@link #unsupported}). With a trace on,
 * run owns the run's {@link ServerTrace}, the same as the readiness servers'.
 *
 * <p>Threading: bind and run on the loop's thread; {@link #stop} and {@link #stats} from any.
 */
public final class UringEchoServer implements EchoServer {
    public static final String NAME = "uring";
    /** SQEs: one turn's requests fit, or the loop submits early. */
    static final int SQ_ENTRIES = 4096;
    /** CQEs: room for a completion per connection of a busy turn; beyond it the kernel keeps them (NODROP). */
    static final int CQ_ENTRIES = 16384;
    static final int SETUP_FLAGS = IoUring.IORING_SETUP_CQSIZE | IoUring.IORING_SETUP_SUBMIT_ALL
            | IoUring.IORING_SETUP_COOP_TASKRUN | IoUring.IORING_SETUP_SINGLE_ISSUER | IoUring.IORING_SETUP_DEFER_TASKRUN;
    /** What the loop needs of the kernel; probed before use. */
    static final int[] OPCODES = {IoUring.IORING_OP_ACCEPT, IoUring.IORING_OP_RECV, IoUring.IORING_OP_SEND,
        IoUring.IORING_OP_READ, IoUring.IORING_OP_ASYNC_CANCEL};
    static final int BACKLOG = 4096;

    private final EchoCounters counters = new EchoCounters();
    /** Set by stop() on any thread; read by the loop once per turn. */
    private volatile boolean stopping;
    /** Created by bind, closed at the end of run; stop() may signal it from any thread (a no-op once closed). */
    private volatile EventFd wakeUp;
    private EchoConfig config;
    private IoUring ring;
    private NativeMemory wakeBuffer;
    private int listenFd = -1;
    private boolean used;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public InetSocketAddress bind(EchoConfig cfg) {
        if (used) {
            throw new IllegalStateException(NAME + " echo server: bind may be called once");
        }
        used = true;
        String refused = unsupported(cfg);
        if (refused != null) {
            throw new IllegalArgumentException(refused);
        }
        int fd = Sockets.listen(cfg.host(), cfg.port(), BACKLOG);
        EventFd wake = null;
        IoUring r = null;
        NativeMemory buffer = null;
        try {
            wake = new EventFd();
            buffer = NativeMemory.allocate(8);
            r = new IoUring(SQ_ENTRIES, CQ_ENTRIES, SETUP_FLAGS);
            InetSocketAddress bound = Sockets.localAddress(fd);
            this.config = cfg;
            this.ring = r;
            this.wakeBuffer = buffer;
            this.listenFd = fd;
            this.wakeUp = wake;
            return bound;
        } catch (RuntimeException | Error e) {
            if (r != null) {
                r.close();
            }
            if (buffer != null) {
                buffer.close();
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
            throw new IllegalStateException(NAME + " echo server: bind must succeed before run, and run is called once");
        }
        try (ServerTrace trace = ServerTrace.start(config.trace(), config.traceSyscalls(), System.out, System.err)) {
            trace.label(listenFd, "listener");
            trace.label(wakeUp.fd(), "wake-up");
            trace.label(ring.fd(), "ring");
            serve(trace);
        }
    }

    /** Runs the loop to its end, then closes the ring, the wake-up and the listener, on every path. */
    private void serve(ServerTrace trace) {
        try {
            new CompletionLoop(ring, listenFd, wakeUp, wakeBuffer, config, counters, trace.events(), System.err, System::nanoTime)
                    .run(() -> stopping);
        } finally {
            try {
                ring.close();
            } finally {
                wakeBuffer.close();
                wakeUp.close();
                Fds.close(listenFd);
                listenFd = -1;
            }
        }
    }

    /**
     * What of {@code cfg} the completion loop does not do, as the one line a user sees, or null.
     * {@code --pitfall} switches on mistakes of the readiness loops, which have no counterpart here;
     * {@code --idle-timeout} would need a deadline per connection, which this loop does not keep
     * (with {@code --mode poll} the shared echo loop has both).
     */
    static String unsupported(EchoConfig cfg) {
        if (cfg.pitfall() != Pitfall.NONE) {
            return "--pitfall is a mistake of the readiness loops; the completion loop (" + NAME
                    + ") has none of them: use --mode poll";
        }
        if (cfg.idleTimeoutNanos() > 0) {
            return "--idle-timeout is not implemented by the completion loop (" + NAME + "): use --mode poll";
        }
        return null;
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
