package io.muxlab.uring;

import io.muxlab.core.echo.EchoConfig;
import io.muxlab.core.echo.EchoCounters;
import io.muxlab.core.sys.Errno;
import io.muxlab.core.sys.EventFd;
import io.muxlab.core.sys.Fds;
import io.muxlab.core.sys.IoUring;
import io.muxlab.core.sys.IoUringCq;
import io.muxlab.core.sys.IoUringSq;
import io.muxlab.core.sys.NativeMemory;
import io.muxlab.core.sys.Sockets;
import io.muxlab.core.sys.SyscallException;
import io.muxlab.core.trace.TraceSink;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The echo server as a completion loop: no readiness anywhere. We ask the kernel to do the work
 * (accept, receive, send) and it tells us when each piece is done. One turn:
 *
 * <ol>
 *   <li>one {@code io_uring_enter} submits every request prepared since the last turn and waits for
 *       at least one completion;
 *   <li>each completion is handled, and handling one usually prepares the next request: a recv's
 *       bytes become a send, a finished send becomes a recv. These are only written into the SQ
 *       ring here; the next turn's enter submits them all at once.
 * </ol>
 *
 * So a turn that reaps 100 completions costs one syscall, not 200: that is what batching buys.
 * Requests in flight: one multishot accept for the listener (one SQE, a CQE per connection), one
 * read of the wake-up eventfd (re-armed after each wake-up), and per connection one recv or one
 * send (see {@link UringConnection}). A completion names its request by user_data (operation and
 * descriptor); a connection is closed only when nothing of it is in flight, so no completion can
 * arrive for a descriptor number that was closed and reused.
 *
 * <p>Threading: everything belongs to the thread in {@link #run}. Other threads stop it by setting
 * the flag {@code stopping} reads and signalling the {@link EventFd}, whose read is on the ring.
 */
final class CompletionLoop {
    static final int ACCEPT = 1;
    static final int RECV = 2;
    static final int SEND = 3;
    static final int WAKE = 4;
    static final int CANCEL = 5;
    private static final String[] OP_NAMES = {"?", "accept", "recv", "send", "wake", "cancel"};
    /** send(2) flag: a send to a reset peer returns EPIPE instead of raising SIGPIPE. */
    private static final int MSG_NOSIGNAL = 0x4000;
    /** How long stopping may wait for the kernel to hand back cancelled requests (it takes microseconds). */
    private static final long DRAIN_NANOS = 5_000_000_000L;

    private final IoUring ring;
    private final IoUringSq sq;
    private final IoUringCq cq;
    private final int listenFd;
    private final EventFd wakeUp;
    private final NativeMemory wakeBuffer;
    private final EchoConfig config;
    private final EchoCounters counters;
    private final CompletionTrace trace;
    private final AcceptPolicy accept;
    /** Open connections by descriptor number (dense: the kernel hands out the lowest free one). */
    private UringConnection[] byFd = new UringConnection[256];
    private int open;
    /** Requests submitted or prepared whose last completion has not come yet. */
    private int inFlight;
    /** Stopping: completions are only counted down, nothing is re-armed. */
    private boolean draining;

    /** @param trace where {@code --trace} lines go, or null: off (the syscall trace needs nothing of the loop) */
    CompletionLoop(IoUring ring, int listenFd, EventFd wakeUp, NativeMemory wakeBuffer, EchoConfig config,
            EchoCounters counters, TraceSink trace, PrintStream log, LongSupplier clock) {
        this.ring = ring;
        this.sq = ring.sq();
        this.cq = ring.cq();
        this.listenFd = listenFd;
        this.wakeUp = wakeUp;
        this.wakeBuffer = wakeBuffer;
        this.config = config;
        this.counters = counters;
        this.trace = new CompletionTrace(trace);
        this.accept = new AcceptPolicy(log, clock);
    }

    /** Serves until {@code stopping} turns true; then cancels what is in flight, waits for it, and closes every connection. */
    void run(BooleanSupplier stopping) {
        try {
            armAccept();
            armWake();
            while (!stopping.getAsBoolean()) {
                turn(accept.timeoutNanos());
                if (accept.retryDue()) {
                    armAccept();
                }
            }
        } catch (RuntimeException | Error e) {
            try {
                drain();
            } catch (RuntimeException d) {
                e.addSuppressed(d); // the first failure is the one to report
            }
            throw e;
        }
        drain();
    }

    /** One enter that submits and waits for a completion (at most {@code timeoutNanos}, if not negative), then the completions. */
    private void turn(long timeoutNanos) {
        // Overflowed completions wait in the kernel: do not block, the enter itself flushes them.
        int waitFor = ring.cqOverflowed() ? 0 : 1;
        int submitted = ring.submitAndWait(waitFor, timeoutNanos);
        int n = cq.completions();
        trace.enter(submitted, waitFor, n);
        for (int i = 0; i < n; i++) {
            long userData = cq.userData(0);
            int res = cq.result(0);
            int flags = cq.flags(0);
            // Each slot goes back before its completion is handled: if handling fills the SQ and
            // must submit, the kernel has room to post (or flush overflowed CQEs) meanwhile.
            cq.consume(1);
            complete(userData, res, flags);
        }
    }

    private void complete(long userData, int res, int flags) {
        int op = (int) (userData >>> 32);
        int fd = (int) userData;
        trace.completion(OP_NAMES[op], fd, res, flags);
        boolean ended = (flags & IoUring.IORING_CQE_F_MORE) == 0;
        if (ended && op != CANCEL) {
            inFlight--;
        }
        if (ended && op == ACCEPT) {
            accept.ended();
        }
        if (draining) {
            if (op == ACCEPT && res >= 0) {
                // Accepted just before the cancel: not ours to serve any more, but ours to close.
                counters.accepted();
                trace.close(res, "server stopping");
                Fds.closeQuietly(res);
                counters.closed();
            }
            return;
        }
        switch (op) {
            case ACCEPT -> accepted(res, ended);
            case RECV -> received(byFd[fd], res);
            case SEND -> sent(byFd[fd], res);
            case WAKE -> woken(res);
            default -> { } // the stop's cancel: its count is in the trace
        }
    }

    private void accepted(int res, boolean ended) {
        if (res >= 0) {
            accept.succeeded();
            serve(res);
        } else if (res == -Errno.ECANCELED) {
            return; // stopping
        } else if (AcceptPolicy.outOfDescriptors(-res)) {
            accept.pause(new SyscallException("IORING_OP_ACCEPT", -res, "listening fd " + listenFd), open);
        } else if (res != -Errno.ECONNABORTED && res != -Errno.EINTR) {
            throw new SyscallException("IORING_OP_ACCEPT", -res, "listening fd " + listenFd);
        }
        // A multishot accept that ended (an error, or a CQ too full to post to) is re-armed, unless
        // we are out of descriptors: then the retry timer or the next close does it.
        if (ended && !accept.paused()) {
            armAccept();
        }
    }

    private void serve(int fd) {
        counters.accepted();
        if (open >= config.maxConnections()) {
            accept.refused(open + " connections are open, the --max-connections limit");
            trace.close(fd, "refused");
            counters.refused();
            counters.closed();
            Fds.close(fd);
            return;
        }
        accept.serving();
        UringConnection c;
        try {
            Sockets.setNoDelay(fd);
            c = new UringConnection(fd, config.bufferLimit());
        } catch (SyscallException e) {
            // setsockopt on a connection already reset: drop this one.
            trace.close(fd, e.getMessage());
            Fds.closeQuietly(fd);
            counters.closed();
            return;
        }
        if (fd >= byFd.length) {
            byFd = Arrays.copyOf(byFd, Math.max(byFd.length * 2, fd + 1));
        }
        byFd[fd] = c;
        open++;
        armRecv(c);
    }

    private void received(UringConnection c, int res) {
        if (res > 0) {
            counters.read(res);
            c.received(res);
            armSend(c);
        } else if (res == 0) {
            close(c, "peer closed");
        } else if (res != -Errno.ECANCELED) {
            close(c, Errno.name(-res));
        }
    }

    private void sent(UringConnection c, int res) {
        if (res > 0) {
            counters.written(res);
            if (c.sent(res)) {
                c.growIfFilled(); // nothing of it is in flight now
                armRecv(c);
            } else {
                armSend(c); // a short send: the rest, from where it stopped
            }
        } else if (res != -Errno.ECANCELED) {
            close(c, res == 0 ? "send sent nothing" : Errno.name(-res));
        }
    }

    private void woken(int res) {
        if (res != -Errno.ECANCELED) {
            armWake(); // the loop's test of the stop flag comes next
        }
    }

    private void armAccept() {
        while (!sq.accept(listenFd, true, userData(ACCEPT, listenFd))) {
            ring.submit();
        }
        inFlight++;
        accept.armed();
    }

    private void armWake() {
        while (!sq.read(wakeUp.fd(), wakeBuffer.address(), 8, userData(WAKE, wakeUp.fd()))) {
            ring.submit();
        }
        inFlight++;
    }

    private void armRecv(UringConnection c) {
        while (!sq.recv(c.fd, c.bufferAddress(), c.bufferSize(), userData(RECV, c.fd))) {
            ring.submit();
        }
        inFlight++;
    }

    private void armSend(UringConnection c) {
        while (!sq.send(c.fd, c.unsentAddress(), c.unsentLength(), MSG_NOSIGNAL, userData(SEND, c.fd))) {
            ring.submit();
        }
        inFlight++;
    }

    private void close(UringConnection c, String reason) {
        trace.close(c.fd, reason);
        byFd[c.fd] = null;
        open--;
        try {
            Fds.close(c.fd);
        } finally {
            c.close();
            counters.closed();
        }
        if (accept.paused() && !accept.isArmed() && !draining) {
            armAccept(); // a descriptor is free: try the backlog now
        }
    }

    /**
     * Cancels every request in flight (one ASYNC_CANCEL with ALL | ANY), reaps until the kernel has
     * handed all of them back, then closes the connections: their buffers are freed only once no
     * request names them. The ring, eventfd and listener belong to the server, which closes them.
     */
    private void drain() {
        draining = true;
        RuntimeException failure = null;
        try {
            while (!sq.cancel(0, IoUring.IORING_ASYNC_CANCEL_ALL | IoUring.IORING_ASYNC_CANCEL_ANY, userData(CANCEL, 0))) {
                ring.submit();
            }
            long deadline = System.nanoTime() + DRAIN_NANOS;
            while (inFlight > 0 && System.nanoTime() < deadline) {
                turn(deadline - System.nanoTime());
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        if (inFlight > 0) {
            // The kernel may still write into these buffers: leaking them is the lesser harm.
            IllegalStateException e = new IllegalStateException(inFlight + " io_uring requests still in flight after cancelling");
            if (failure != null) {
                e.addSuppressed(failure);
            }
            throw e;
        }
        for (UringConnection c : byFd) {
            if (c != null) {
                try {
                    close(c, "server stopping");
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static long userData(int op, int fd) {
        return (long) op << 32 | (fd & 0xffffffffL);
    }
}
