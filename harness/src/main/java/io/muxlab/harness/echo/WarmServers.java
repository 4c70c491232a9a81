package io.muxlab.harness.echo;

import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.launch.ServerProcess;
import io.muxlab.harness.section.Shared;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The echo sections' servers, each started once and kept running across the windows that measure
 * it, so a point's repeats can be interleaved with every other contender's without paying a JVM
 * start and a JIT warm-up per window. One per harness run, in the runner's {@link Shared}; every
 * echo window asks it for its contender's server through {@link #window}, the one place a server
 * is started, kept or stopped:
 *
 * <ul>
 *   <li>a window whose body throws, or marks its lease {@link Lease#spoil spoiled} (a failed or
 *       refused load), kills the server, and the next window of that contender starts a new one;
 *   <li>a window that keeps its server ends when the server has closed that window's connections;
 *   <li>the window its caller calls the last that needs the server stops it with SIGTERM and
 *       checks the stop contract (summary, exit status);
 *   <li>a server found dead when its next window begins fails that window, saying so;
 *   <li>{@link #close} (the runner, at the end, on every path) stops whatever still runs, and a
 *       shutdown hook kills it if the harness's JVM ends first (SIGTERM, Ctrl-C).
 * </ul>
 *
 * <p>Threading: the runner's thread makes every call; the shutdown hook only reads {@link #live}.
 */
final class WarmServers implements Shared.Resource {
    /** One window's work on its server. */
    interface Window<T> {
        T on(Lease lease) throws IOException;
    }

    /** A server lent to one window. */
    static final class Lease {
        private final ServerProcess server;
        private final boolean first;
        private boolean spoiled;

        private Lease(ServerProcess server, boolean first) {
            this.server = server;
            this.first = first;
        }

        ServerProcess server() {
            return server;
        }

        /** True for the process's first window: it needs the long warm-up, and only its memory is a fresh process's. */
        boolean first() {
            return first;
        }

        /** The window went wrong in a way that leaves the server's state unknown: it is not used again. */
        void spoil() {
            spoiled = true;
        }
    }

    /**
     * What a window gave, and why the server failed to stop after it, if this window stopped it
     * and it broke the stop contract (else null).
     */
    record Done<T>(T value, String stopError) {
    }

    /** A running server and what it has served. */
    private static final class Warm {
        final ServerProcess server;
        final Path log;
        int windows;
        int mostConnections;

        Warm(ServerProcess server, Path log) {
            this.server = server;
            this.log = log;
        }
    }

    /** The longest a window's end waits for its server to close that window's connections. */
    private static final long CLOSE_WAIT_NANOS = 5_000_000_000L;
    /** Descriptors a server may open for itself meanwhile (a JVM loading a class from a jar), not waited for. */
    private static final int SPARE_DESCRIPTORS = 4;

    /** By contender name: the servers kept between windows. */
    private final Map<String, Warm> warm = new LinkedHashMap<>();
    /** Every server started and not yet gone, for the shutdown hook. */
    private final Set<ServerProcess> live = ConcurrentHashMap.newKeySet();
    private final Thread hook = new Thread(() -> live.forEach(ServerProcess::close), "warm-servers-kill");
    private boolean hooked;

    /**
     * Runs {@code body} on {@code contender}'s server, started first if none is kept (its standard
     * error then goes to {@code log}).
     *
     * @param fresh the window needs a process that has served no window yet (memory per connection)
     * @param last no later window needs this server: stop it after this one
     * @param connections the connections this window opens, for the stop's grace
     * @throws IOException if the server cannot be started, was found dead, or the body threw it
     */
    <T> Done<T> window(Contender contender, Path log, boolean fresh, boolean last, int connections, Window<T> body)
            throws IOException {
        String previousStop = null;
        Warm w = warm.get(contender.name());
        if (w != null && !w.server.isAlive()) {
            discard(contender.name(), w);
            throw new IOException(contender.name() + " exited with status " + w.server.exitValue()
                    + " after its previous window; see " + w.log);
        }
        if (w != null && fresh && w.windows > 0) {
            previousStop = stop(contender.name(), w);
            w = null;
        }
        if (w == null) {
            w = start(contender, log);
        }
        Lease lease = new Lease(w.server, w.windows == 0);
        w.windows++;
        w.mostConnections = Math.max(w.mostConnections, connections);
        int descriptors = w.server.descriptors();
        T value;
        try {
            value = body.on(lease);
        } catch (IOException | RuntimeException e) {
            discard(contender.name(), w);
            throw e;
        }
        if (lease.spoiled) {
            discard(contender.name(), w);
        } else if (last) {
            String stopped = stop(contender.name(), w);
            return new Done<>(value, stopped != null ? stopped : previousStop);
        } else {
            awaitClosed(w.server, descriptors);
        }
        return new Done<>(value, previousStop);
    }

    /**
     * Waits (bounded) until the server has closed the connections of the window just ended, its
     * descriptors back to what it held before: else the next window would measure it tearing them
     * down (a thread-per-connection server ending 15 000 threads). Not a check: a server slower than
     * the bound only makes its next window's figures noisier.
     */
    private static void awaitClosed(ServerProcess server, int before) {
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        while (before >= 0 && server.descriptors() > before + SPARE_DESCRIPTORS && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops every server still kept (SIGTERM, bounded; killed if it does not go), which drops the hook. */
    @Override
    public void close() {
        for (Map.Entry<String, Warm> e : new ArrayList<>(warm.entrySet())) {
            stop(e.getKey(), e.getValue());
        }
    }

    /** Drops the shutdown hook once no server runs: a pool left unclosed (a run made on its own) leaves none behind. */
    private void unhookIfIdle() {
        if (hooked && live.isEmpty()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to: it finds nothing left to kill.
            }
            hooked = false;
        }
    }

    private Warm start(Contender contender, Path log) throws IOException {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(hook);
            hooked = true;
        }
        ServerProcess server;
        try {
            server = ServerProcess.start(contender, log);
        } catch (IOException | RuntimeException e) {
            unhookIfIdle();
            throw e;
        }
        live.add(server);
        Warm w = new Warm(server, log);
        warm.put(contender.name(), w);
        return w;
    }

    /** SIGTERM and the stop contract; the process is gone afterwards whatever happened. Returns the failure, or null. */
    private String stop(String name, Warm w) {
        try {
            w.server.stop(w.mostConnections);
            return null;
        } catch (IOException e) {
            return e.getMessage();
        } finally {
            discard(name, w);
        }
    }

    private void discard(String name, Warm w) {
        warm.remove(name, w);
        w.server.close();
        live.remove(w.server);
        unhookIfIdle();
    }
}
