package io.muxlab.core.echo;

import io.muxlab.core.mux.Interest;
import io.muxlab.core.mux.Multiplexer;
import io.muxlab.core.mux.ReadyEvents;
import io.muxlab.core.sys.EventFd;
import io.muxlab.core.sys.Fds;
import io.muxlab.core.sys.Sockets;
import io.muxlab.core.sys.SyscallException;
import io.muxlab.core.trace.TraceSink;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * The echo loop, written once over the {@link Multiplexer} contract; select, poll and epoll differ
 * only in the multiplexer they hand it. One turn:
 *
 * <ol>
 *   <li>wait for readiness: forever, or not at all if work is left over from the last turn, or until
 *       the accept retry while out of descriptors;
 *   <li>note each event: the wake-up eventfd is drained, the listener marked, and a connection gets
 *       its readiness hints and a place at the back of the ready list;
 *   <li>accept (see {@link Acceptor});
 *   <li>give each connection on the ready list one budgeted {@link Connection#transfer}, then
 *       close it, or fix its interest, or (budget spent, work left) put it back on the list;
 *   <li>with {@code --idle-timeout}, close the connections that moved no byte for that long
 *       ({@link IdleList}; the wait in step 1 ends when the oldest would expire).
 * </ol>
 *
 * Events only mark; all I/O happens in step 4. So no connection is closed while the events of a
 * turn are still being read (a descriptor number reused within a turn cannot be mistaken for the
 * old connection), and the ready list is the one place where fairness is decided.
 *
 * <p>Threading: everything here belongs to the thread in {@link #run}. Other threads stop it by
 * setting the flag {@code stopping} reads and signalling the {@link EventFd}.
 */
final class EchoLoop {
    /** read/write calls one connection may make per turn (edge-triggered; level-triggered makes ~2). */
    static final int TRANSFER_BUDGET = 32;

    private final Multiplexer mux;
    private final int listenFd;
    private final EventFd wakeUp;
    private final EchoConfig config;
    private final EchoCounters counters;
    private final Tracer tracer;
    private final ConnectionTable table = new ConnectionTable();
    /** Ring blocks of connections that hold no bytes right now, lent to the next one that reads. */
    private final BlockPool blocks;
    /** Connections with events or leftover work, each at most once ({@link Connection#queued}). */
    private final ArrayDeque<Connection> readyList = new ArrayDeque<>();
    private final ReadyEvents events = new ReadyEvents(256);
    private final Acceptor acceptor;
    private final IdleList idle;
    private final int listenInterest;
    private final ServerWide server;
    private final LongSupplier clock;
    /** {@link #serve} as the acceptor's callback, made once: a method reference per turn would allocate. */
    private final IntConsumer serveAccepted = this::serve;

    /**
     * @param listenInterest how to register the listener ({@link Interest#EXCLUSIVE} added when loops share it)
     * @param server what the server's loops share: open connections, out-of-descriptors episodes
     */
    EchoLoop(Multiplexer mux, int listenFd, int listenInterest, EventFd wakeUp, EchoConfig config, EchoCounters counters,
            ServerWide server, TraceSink trace, PrintStream log, LongSupplier clock) {
        this.listenInterest = listenInterest;
        this.server = server;
        this.mux = mux;
        this.listenFd = listenFd;
        this.wakeUp = wakeUp;
        this.config = config;
        this.counters = counters;
        this.tracer = new Tracer(config.trace() ? trace : null);
        this.blocks = new BlockPool(Math.min(config.bufferLimit(), EchoBuffer.INITIAL_CAPACITY), BlockPool.MAX_IDLE);
        this.idle = new IdleList(config.idleTimeoutNanos());
        this.clock = clock;
        this.acceptor = new Acceptor(listenFd, listenInterest, mux, config.maxConnections(), server, counters, tracer, log, clock,
                Sockets::accept);
    }

    /** Serves until {@code stopping} turns true; then closes every connection (not the listener, wake-up or multiplexer). */
    void run(BooleanSupplier stopping) {
        mux.register(wakeUp.fd(), Interest.READ);
        mux.register(listenFd, listenInterest);
        try {
            while (!stopping.getAsBoolean()) {
                turn();
            }
        } finally {
            readyList.clear();
            try {
                closeAll();
            } finally {
                blocks.close();
            }
        }
    }

    /** Closes every connection, going on past a failure so that no descriptor or buffer is left behind. */
    private void closeAll() {
        RuntimeException first = null;
        for (Connection c : table.snapshot()) {
            try {
                close(c, "server stopping");
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void turn() {
        long timeout = readyList.isEmpty() && !acceptor.hasWork() ? sooner(acceptor.timeoutNanos(), idleWait()) : 0;
        if (config.pitfall() == Pitfall.BUSY_POLL) {
            timeout = 0; // PITFALL busy-poll, the wrong way: never block, even with nothing to do
        }
        int n = mux.wait(timeout, events);
        counters.waited();
        for (int i = 0; i < n; i++) {
            int fd = events.fd(i);
            if (fd == wakeUp.fd()) {
                wakeUp.drain();
            } else if (fd == listenFd) {
                acceptor.readable();
            } else {
                Connection c = table.get(fd);
                if (c != null) {
                    c.ready(events.ready(i));
                    enqueue(c);
                }
            }
        }
        acceptor.accept(serveAccepted);
        for (int i = readyList.size(); i > 0; i--) {
            Connection c = readyList.poll();
            c.queued = false;
            service(c);
        }
        if (idle.enabled()) {
            closeIdle();
        }
    }

    /** The sooner of two timeouts, where negative means forever. */
    private static long sooner(long a, long b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    private long idleWait() {
        return idle.enabled() ? idle.nanosUntilNext(clock.getAsLong()) : -1;
    }

    private void closeIdle() {
        long now = clock.getAsLong();
        for (Connection c = idle.expired(now); c != null; c = idle.expired(now)) {
            if (c.queued) {
                idle.touch(c, now); // it has work this very turn: not idle
            } else {
                close(c, "idle for " + idle.timeoutNanos() / 1_000_000 + " ms (--idle-timeout)");
            }
        }
    }

    private void serve(int fd) {
        Connection c = null;
        try {
            Sockets.setNoDelay(fd);
            c = new Connection(fd, config.bufferLimit(), blocks, mux.edgeTriggered(), counters, tracer, config.pitfall());
            c.interest = c.wantedInterest();
            mux.register(fd, c.interest);
            table.put(c);
            server.open.incrementAndGet();
            idle.touch(c, clock.getAsLong());
        } catch (SyscallException e) {
            // setsockopt on a connection already reset, or epoll_ctl out of kernel memory: drop this one.
            if (c != null) {
                c.close();
            }
            tracer.close(fd, e.getMessage());
            Fds.closeQuietly(fd);
            counters.closed();
        }
    }

    private void service(Connection c) {
        if (c.transfer(TRANSFER_BUDGET) && idle.enabled()) {
            idle.touch(c, clock.getAsLong());
        }
        String reason = c.finished();
        if (reason != null) {
            close(c, reason);
            return;
        }
        int wanted = c.wantedInterest();
        if (wanted != c.interest) {
            mux.modify(c.fd, wanted);
            c.interest = wanted;
        }
        if (c.hasWork()) {
            enqueue(c);
        }
    }

    private void enqueue(Connection c) {
        if (!c.queued) {
            c.queued = true;
            readyList.add(c);
        }
    }

    private void close(Connection c, String reason) {
        tracer.close(c.fd, reason);
        table.remove(c);
        server.open.decrementAndGet();
        idle.remove(c);
        try {
            mux.deregister(c.fd);
        } finally {
            c.close();
            counters.closed();
            Fds.close(c.fd);
            acceptor.descriptorFreed();
        }
    }
}
