package io.muxlab.core.echo;

import io.muxlab.core.mux.Interest;
import io.muxlab.core.mux.Multiplexer;
import io.muxlab.core.sys.EventFd;
import io.muxlab.core.sys.Fds;
import io.muxlab.core.sys.Sockets;
import io.muxlab.core.trace.TraceSink;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An {@link EchoServer} made of {@link EchoLoop}s and multiplexers: the whole of select-echo,
 * poll-echo and epoll-echo but the multiplexer each one passes in, so a module's server is one line:
 * {@code new MultiplexedEchoServer(SelectMultiplexer.NAME, SelectMultiplexer::new)}.
 *
 * <p>Several loops ({@code epoll-echo --loops N}) each have their own thread, multiplexer,
 * wake-up eventfd and connections, and share the port one of three ways ({@link Accept}); the
 * --max-connections limit counts the connections of all of them. docs/many-loops.md compares them.
 *
 * <p>Resources: {@link #bind} opens the listening socket(s), the wake-up eventfds and the
 * multiplexers (and closes whatever it opened if it fails); {@link #run} closes all of them, and
 * every connection, before it returns, on every path. An instance serves once. With a trace on, it
 * also owns the run's {@link ServerTrace}: started with the loops, drained when they end.
 *
 * <p>Threading: bind and run on one thread, which runs the loop when there is one; several loops
 * get threads named {@code loop-0}, {@code loop-1}, … while it waits for them. {@link #stop},
 * {@link #stats} and {@link #loops} from any.
 */
public final class MultiplexedEchoServer implements EchoServer {
    /** The kernel caps this at net.core.somaxconn. */
    static final int BACKLOG = 4096;

    /** How several loops share one port. */
    public enum Accept {
        /** One listening socket in every loop's interest set: each connection wakes every loop (the thundering herd). */
        SHARED,
        /** The same, registered with EPOLLEXCLUSIVE: each connection wakes one loop (backends without it: all). */
        EXCLUSIVE,
        /** One SO_REUSEPORT socket per loop: the kernel hashes each connection to one socket, so to one loop. */
        REUSEPORT
    }

    /** One loop's resources. */
    private static final class Loop {
        final int listenFd;
        final EventFd wakeUp;
        final Multiplexer mux;
        final EchoCounters counters = new EchoCounters();

        Loop(int listenFd, EventFd wakeUp, Multiplexer mux) {
            this.listenFd = listenFd;
            this.wakeUp = wakeUp;
            this.mux = mux;
        }
    }

    private final String name;
    private final Supplier<Multiplexer> multiplexers;
    private final int loopCount;
    private final Accept accept;
    /** Set by stop() on any thread; read by every loop once per turn. */
    private volatile boolean stopping;
    /** Filled by bind, closed at the end of run; stop() may signal their eventfds from any thread (a no-op once closed). */
    private volatile List<Loop> loops = List.of();
    private final List<Integer> listenFds = new ArrayList<>();
    private EchoConfig config;
    private boolean used;
    private boolean bound;

    /**
     * One loop.
     *
     * @param name the name reports use, the same as the multiplexer's ({@code select}, {@code epoll-et}, ...)
     * @param multiplexers makes the multiplexer, on the thread that calls {@link #bind}
     */
    public MultiplexedEchoServer(String name, Supplier<Multiplexer> multiplexers) {
        this(name, multiplexers, 1, Accept.SHARED);
    }

    /** {@code loops} loops sharing the port by {@code accept}. */
    public MultiplexedEchoServer(String name, Supplier<Multiplexer> multiplexers, int loops, Accept accept) {
        if (loops < 1) {
            throw new IllegalArgumentException("loops must be at least 1, not " + loops);
        }
        this.name = name;
        this.multiplexers = multiplexers;
        this.loopCount = loops;
        this.accept = accept;
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
        List<Loop> made = new ArrayList<>();
        try {
            int shared = Sockets.listen(cfg.host(), cfg.port(), BACKLOG, accept == Accept.REUSEPORT);
            listenFds.add(shared);
            InetSocketAddress address = Sockets.localAddress(shared);
            for (int i = 0; i < loopCount; i++) {
                int fd = shared;
                if (accept == Accept.REUSEPORT && i > 0) {
                    fd = Sockets.listen(cfg.host(), address.getPort(), BACKLOG, true);
                    listenFds.add(fd);
                }
                EventFd wake = new EventFd();
                Multiplexer m;
                try {
                    m = multiplexers.get();
                } catch (RuntimeException | Error e) {
                    wake.close();
                    throw e;
                }
                made.add(new Loop(fd, wake, m));
                check(cfg, m, Math.max(fd, wake.fd()));
            }
            this.config = cfg;
            this.loops = List.copyOf(made);
            this.bound = true;
            return address;
        } catch (RuntimeException | Error e) {
            for (Loop l : made) {
                l.mux.close();
                l.wakeUp.close();
            }
            listenFds.forEach(Fds::closeQuietly);
            listenFds.clear();
            throw e;
        }
    }

    private static void check(EchoConfig cfg, Multiplexer m, int highest) {
        if (cfg.pitfall().edgeTriggered() && !m.edgeTriggered()) {
            throw new IllegalArgumentException("--pitfall " + cfg.pitfall().cliName() + " is an edge-triggered mistake, and "
                    + m.name() + " is level-triggered (epoll-echo --edge-triggered is not)");
        }
        if (highest > m.maxFd()) {
            throw new IllegalArgumentException("descriptor " + highest + " is beyond the largest " + m.name()
                    + " can watch (" + m.maxFd() + ")");
        }
    }

    @Override
    public void run() {
        if (!bound) {
            throw new IllegalStateException(name + " echo server: bind must succeed before run, and run is called once");
        }
        bound = false;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        try (ServerTrace trace = ServerTrace.start(config.trace(), config.traceSyscalls(), System.out, System.err)) {
            if (config.traceSyscalls()) {
                // Plain loops: a lambda here would cost the untraced start a class spun at run time.
                for (int fd : listenFds) {
                    trace.label(fd, "listener");
                }
                for (Loop l : loops) {
                    trace.label(l.wakeUp.fd(), "wake-up");
                }
            }
            serveAll(trace.events(), threads, failures);
        }
        synchronized (failures) {
            if (!failures.isEmpty()) {
                RuntimeException first = failures.get(0) instanceof RuntimeException r ? r : new IllegalStateException(failures.get(0));
                failures.stream().skip(1).forEach(first::addSuppressed);
                throw first;
            }
        }
    }

    /** Runs the loops to their end, then closes every loop's resources and the listeners, on every path. */
    private void serveAll(TraceSink trace, List<Thread> threads, List<Throwable> failures) {
        ServerWide shared = new ServerWide();
        int listenInterest = Interest.READ | (accept == Accept.EXCLUSIVE ? Interest.EXCLUSIVE : 0);
        try {
            if (loops.size() == 1) {
                serve(loops.get(0), listenInterest, shared, trace, failures);
            } else {
                // Every loop on a thread of its own, named so /proc, top -H and the trace can tell them apart.
                for (int i = 0; i < loops.size(); i++) {
                    Loop l = loops.get(i);
                    Thread t = new Thread(() -> serve(l, listenInterest, shared, trace, failures), "loop-" + i);
                    threads.add(t);
                    t.start();
                }
                threads.forEach(MultiplexedEchoServer::joinUninterruptibly);
            }
        } finally {
            stop();
            for (Thread t : threads) {
                joinUninterruptibly(t);
            }
            try {
                for (Loop l : loops) {
                    l.mux.close();
                    l.wakeUp.close();
                }
            } finally {
                listenFds.forEach(Fds::close);
                listenFds.clear();
            }
        }
    }

    /** Runs one loop to its end; a failure stops the others and is kept for run() to throw. */
    private void serve(Loop l, int listenInterest, ServerWide shared, TraceSink trace, List<Throwable> failures) {
        try {
            new EchoLoop(l.mux, l.listenFd, listenInterest, l.wakeUp, config, l.counters, shared, trace, System.err, System::nanoTime)
                    .run(() -> stopping);
        } catch (RuntimeException | Error e) {
            synchronized (failures) {
                failures.add(e);
            }
            stop();
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        stopping = true;
        for (Loop l : loops) {
            l.wakeUp.signal();
        }
    }

    @Override
    public EchoStats stats() {
        List<Loop> all = loops;
        if (all.isEmpty()) {
            return new EchoCounters().snapshot();
        }
        EchoStats sum = all.get(0).counters.snapshot();
        for (int i = 1; i < all.size(); i++) {
            EchoStats s = all.get(i).counters.snapshot(sum.syscalls());
            sum = new EchoStats(sum.accepted() + s.accepted(), sum.refused() + s.refused(), sum.closed() + s.closed(),
                    sum.bytesRead() + s.bytesRead(), sum.bytesWritten() + s.bytesWritten(), sum.reads() + s.reads(),
                    sum.writes() + s.writes(), sum.syscalls());
        }
        return sum;
    }

    @Override
    public List<LoopStats> loops() {
        List<Loop> all = loops;
        if (all.size() < 2) {
            return List.of();
        }
        List<LoopStats> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            out.add(all.get(i).counters.loopStats(i));
        }
        return out;
    }
}
