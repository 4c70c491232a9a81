package io.muxlab.core.echo;

import io.muxlab.core.mux.Multiplexer;
import io.muxlab.core.sys.Errno;
import io.muxlab.core.sys.Fds;
import io.muxlab.core.sys.Sockets;
import io.muxlab.core.sys.SyscallException;
import java.io.PrintStream;
import java.util.function.IntConsumer;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

/**
 * The accept policy: who gets in, and what happens when the process runs out of descriptors.
 *
 * <ul>
 *   <li>Accept until EAGAIN (an edge-triggered listener reports a burst of connections once), but at
 *       most {@link #BUDGET} per turn so a connect storm cannot starve open connections; with budget
 *       spent, {@link #hasWork()} stays true and the loop returns without waiting.
 *   <li>A descriptor the multiplexer cannot watch (it says why) and a connection beyond
 *       {@code --max-connections} are accepted and closed at once, with a logged reason (once per
 *       run of refusals, with the count when serving resumes). Accepting and closing tells the
 *       client at once; leaving it in the backlog would leave it hanging.
 *   <li>EMFILE/ENFILE: the pending connection stays in the kernel's backlog, and a level-triggered
 *       listener would be reported ready again on every wait: a busy loop. So we drop read interest
 *       on the listener, log once for the episode, and try again when one of our connections closes
 *       or {@link #RETRY_NANOS} later (descriptors may be freed elsewhere in the process). The
 *       queued clients are accepted, not dropped, once descriptors are free. Every retry either
 *       ends the pause or moves the next one {@link #RETRY_NANOS} on, so a paused loop calls
 *       {@code accept4} at most once per retry interval and once per close. (libev and libuv
 *       instead keep a spare descriptor, close it to accept and drop one client, and reopen it.)
 * </ul>
 *
 * Loop thread only. The clock and {@code accept4} are injected, so the retry timing can be tested
 * without sleeping and without running the test's own process out of descriptors.
 */
final class Acceptor {
    static final int BUDGET = 64;
    static final long RETRY_NANOS = 100_000_000L;

    private final int listenFd;
    private final Multiplexer mux;
    private final int maxConnections;
    /** Shared by the server's loops: --max-connections counts them all, the log speaks for all. */
    private final ServerWide server;
    /** How the listener is registered: read, and exclusive when several loops share it. */
    private final int listenInterest;
    private final EchoCounters counters;
    private final Tracer tracer;
    private final PrintStream log;
    private final LongSupplier clock;
    /** accept4 on the listener: a connection's descriptor or {@link Fds#WOULD_BLOCK}, else a {@link SyscallException}. */
    private final IntUnaryOperator accept4;

    /** The listener may have connections waiting: set by readiness, the retry timer and closes; cleared by EAGAIN. */
    private boolean hint;
    /** Out of descriptors: listener interest dropped until an accept gets a descriptor again (a connection, or EAGAIN). */
    private boolean paused;
    private long retryAt;
    /** Connections refused since the last one we served: the log names the first and the count. */
    private int refusedInEpisode;

    /** @param accept4 {@link Sockets#accept}, or a stand-in that runs out of descriptors on cue */
    Acceptor(int listenFd, int listenInterest, Multiplexer mux, int maxConnections, ServerWide server, EchoCounters counters,
            Tracer tracer, PrintStream log, LongSupplier clock, IntUnaryOperator accept4) {
        this.listenFd = listenFd;
        this.listenInterest = listenInterest;
        this.mux = mux;
        this.maxConnections = maxConnections;
        this.server = server;
        this.counters = counters;
        this.tracer = tracer;
        this.log = log;
        this.clock = clock;
        this.accept4 = accept4;
    }

    /** The multiplexer reported the listener readable. */
    void readable() {
        tracer.readable(listenFd);
        counters.listenerWakeup();
        hint = true;
    }

    /** One of our descriptors was closed: if we are out of descriptors, try again now. */
    void descriptorFreed() {
        if (paused) {
            hint = true;
        }
    }

    /** True if {@link #accept} has something to do without waiting for an event. */
    boolean hasWork() {
        return hint;
    }

    /** How long the loop may block: until the next retry while paused, otherwise forever (-1). */
    long timeoutNanos() {
        return paused ? Math.max(0, retryAt - clock.getAsLong()) : -1;
    }

    /** Accepts waiting connections (up to the budget) and hands each one to be served to {@code serve}. */
    void accept(IntConsumer serve) {
        if (paused && !hint && clock.getAsLong() >= retryAt) {
            hint = true;
        }
        if (!hint) {
            return;
        }
        for (int i = 0; i < BUDGET; i++) {
            int fd;
            try {
                fd = accept4.applyAsInt(listenFd);
            } catch (SyscallException e) {
                if (!outOfDescriptors(e.errno())) {
                    throw e;
                }
                pause(e);
                return;
            }
            if (paused) {
                // EAGAIN ends the pause as a connection does: accept4 takes a descriptor before it
                // looks at the backlog (EMFILE comes first even when the backlog is empty), so there
                // is one to spare, and the clients that waited went to another loop on the listener.
                // Staying paused would leave retryAt in the past: a zero timeout, a retry per turn.
                resume();
            }
            if (fd == Fds.WOULD_BLOCK) {
                hint = false;
                return;
            }
            counters.accepted();
            tracer.accept(fd);
            String refusal = refusal(fd);
            if (refusal == null) {
                if (refusedInEpisode > 0) {
                    log.println(mux.name() + ": accepting again after refusing " + refusedInEpisode + " connection(s)");
                    refusedInEpisode = 0;
                }
                serve.accept(fd);
            } else {
                // One line per episode, not per connection: a client that retries in a loop
                // would otherwise turn the log into the bottleneck. --trace shows each one.
                if (refusedInEpisode++ == 0) {
                    log.println(mux.name() + ": refusing connections: " + refusal
                            + "; accepting and closing each until there is room (counted in the summary's refused=)");
                }
                tracer.close(fd, "refused");
                counters.refused();
                counters.closed();
                Fds.close(fd);
            }
        }
    }

    private String refusal(int fd) {
        String cannotWatch = mux.refusal(fd);
        if (cannotWatch != null) {
            return cannotWatch;
        }
        int now = server.open.get();
        if (now >= maxConnections) {
            return now + " connections are open, the --max-connections limit";
        }
        return null;
    }

    private static boolean outOfDescriptors(int errno) {
        return errno == Errno.EMFILE || errno == Errno.ENFILE || errno == Errno.ENOMEM;
    }

    private void pause(SyscallException e) {
        long now = clock.getAsLong();
        hint = false;
        retryAt = now + RETRY_NANOS;
        if (paused) {
            server.retryFailed();
            return;
        }
        paused = true;
        // Deregistered rather than modified to no interest: an EPOLLEXCLUSIVE registration cannot be modified.
        mux.deregister(listenFd);
        if (server.ranOut(now)) { // the first loop of the server to run out says so
            log.println(mux.name() + ": out of descriptors: " + e.getMessage() + "; serving the " + server.open.get()
                    + " open connections, new ones wait in the backlog; retrying every "
                    + RETRY_NANOS / 1_000_000 + " ms and whenever a connection closes");
        }
    }

    private void resume() {
        paused = false;
        mux.register(listenFd, listenInterest);
        String ended = server.recovered(clock.getAsLong());
        if (ended != null) { // the last loop of the server to recover says so
            log.println(mux.name() + ": " + ended);
        }
    }
}
