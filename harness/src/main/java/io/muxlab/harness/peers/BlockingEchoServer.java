package io.muxlab.harness.peers;

import io.muxlab.core.echo.EchoConfig;
import io.muxlab.core.echo.EchoServer;
import io.muxlab.core.echo.EchoStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread-per-connection with blocking sockets: no multiplexing in our code at all. Each connection
 * gets a thread that reads and writes back, and the thread is the only thing that differs between
 * the two peers made here:
 *
 * <ul>
 *   <li>{@link #platformThreads()} ({@code blocking}): a kernel thread per connection, so the
 *       kernel's scheduler is the event loop; each connection pays a thread (stack, context switches).
 *       Stacks are 256 KiB so that thousands of idle connections fit.
 *   <li>{@link #virtualThreads()} ({@code virtual-threads}, Java 21+): a virtual thread per connection.
 *       A read that would block parks the virtual thread and hands its socket to the JDK's poller (an
 *       epoll set on Linux); the stack waits on the heap, and a few carrier threads run whoever is
 *       ready. The same code, and the kernel sees an event loop again. See docs/connection-cost.md.
 * </ul>
 *
 * <p>Backpressure comes for free: a thread blocked in {@code write} does not read, so one
 * connection holds at most one read chunk ({@code min(--buffer-limit, 64 KiB)}, starting at 2 KiB
 * and doubling while reads fill it). Counters are written by many threads, so they are
 * {@link LongAdder}s rather than core's single-writer counters.
 */
public final class BlockingEchoServer implements EchoServer {
    /** The platform-thread peer's name in reports, on the command line and in its summary. */
    public static final String NAME = "blocking";
    /** The virtual-thread peer's name. */
    public static final String VIRTUAL_NAME = "virtual-threads";
    private static final long STACK_BYTES = 256 * 1024;
    private static final int FIRST_CHUNK = 2 * 1024;
    private static final int MAX_CHUNK = 64 * 1024;

    private final String name;
    /** Makes the unstarted thread that serves one connection. */
    private final ThreadFactory threads;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final AtomicInteger open = new AtomicInteger();
    /** Live connections and their threads, so a stop can close them, wake the threads and wait for them. */
    private final Map<Socket, Thread> connections = new ConcurrentHashMap<>();
    private EchoConfig config;
    private ServerSocket listener;
    private volatile boolean stopping;
    /** In an out-of-descriptors episode: said once, quiet until an accept succeeds again; accept thread only. */
    private boolean outOfDescriptors;

    private BlockingEchoServer(String name, ThreadFactory threads) {
        this.name = name;
        this.threads = threads;
    }

    /** One platform thread per connection: {@code blocking}. */
    public static BlockingEchoServer platformThreads() {
        return new BlockingEchoServer(NAME, task -> {
            Thread t = new Thread(null, task, "echo", STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * One virtual thread per connection: {@code virtual-threads}.
     *
     * @throws IllegalStateException on a JVM without virtual threads (older than Java 21), saying so
     */
    public static BlockingEchoServer virtualThreads() {
        return new BlockingEchoServer(VIRTUAL_NAME, VirtualThreads.factory());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InetSocketAddress bind(EchoConfig cfg) {
        this.config = cfg;
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getByName(cfg.host()), cfg.port()), 1024);
            return (InetSocketAddress) listener.getLocalSocketAddress();
        } catch (IOException e) {
            closeListener();
            throw new UncheckedIOException("cannot listen on " + cfg.host() + ":" + cfg.port(), e);
        }
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                Socket s;
                try {
                    s = listener.accept();
                } catch (IOException e) {
                    if (stopping) {
                        break;
                    }
                    backOff(e);
                    continue;
                }
                outOfDescriptors = false;
                serve(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("accept failed", e);
        } finally {
            closeListener();
            closeAndJoinConnections();
        }
    }

    @Override
    public void stop() {
        stopping = true;
        closeListener();
    }

    @Override
    public EchoStats stats() {
        return new EchoStats(accepted.sum(), refused.sum(), closed.sum(), bytesRead.sum(), bytesWritten.sum(),
                reads.sum(), writes.sum(), Map.of());
    }

    /**
     * accept failed, almost always for want of a descriptor (EMFILE): the connection stays in the
     * backlog, so retrying at once would spin. Wait 100 ms, say so once per episode; the open
     * connections' threads keep serving meanwhile.
     */
    private void backOff(IOException e) {
        if (!outOfDescriptors) {
            outOfDescriptors = true;
            System.err.println(name + ": out of descriptors? accept failed (" + e.getMessage()
                    + "); retrying every 100 ms, still serving open connections");
        }
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private void serve(Socket s) throws IOException {
        accepted.increment();
        if (open.get() >= config.maxConnections()) {
            refused.increment();
            closed.increment();
            s.close();
            return;
        }
        open.incrementAndGet();
        s.setTcpNoDelay(true);
        if (config.trace()) {
            System.out.println("accept " + s.getRemoteSocketAddress());
        }
        Thread t = threads.newThread(() -> echo(s));
        t.setName("echo-" + s.getPort());
        connections.put(s, t);
        t.start();
    }

    private void echo(Socket s) {
        // Starts small and doubles when a read fills it: 15 000 idle connections must not each
        // hold a 64 KiB array (that alone is 1 GiB), while a busy one still reads big chunks.
        int cap = Math.min(config.bufferLimit(), MAX_CHUNK);
        byte[] buf = new byte[Math.min(cap, FIRST_CHUNK)];
        try (InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                bytesRead.add(n);
                reads.increment();
                out.write(buf, 0, n);
                bytesWritten.add(n);
                writes.increment();
                if (config.trace()) {
                    System.out.println("read " + n + ", wrote " + n);
                }
                if (n == buf.length && buf.length < cap) {
                    buf = new byte[Math.min(cap, buf.length * 2)];
                }
            }
        } catch (IOException e) {
            // A reset peer, or stop() closing the socket: this connection ends, nobody else's.
            if (config.trace()) {
                System.out.println("close " + s.getRemoteSocketAddress() + ": " + e.getMessage());
            }
        } finally {
            closeSocket(s);
        }
    }

    /**
     * Closes every connection and waits (up to a second in all) for its thread: closing a socket
     * another thread is blocked reading only releases the descriptor once that thread wakes.
     */
    private void closeAndJoinConnections() {
        List<Thread> threads = new ArrayList<>(connections.values());
        for (Socket s : connections.keySet()) {
            closeSocket(s);
        }
        long deadline = System.nanoTime() + 1_000_000_000L;
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void closeSocket(Socket s) {
        if (connections.remove(s) != null) {
            open.decrementAndGet();
            closed.increment();
        }
        try {
            s.close();
        } catch (IOException e) {
            // Closing a socket that already failed: nothing left to release.
        }
    }

    private void closeListener() {
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing the listening socket", e);
        }
    }
}
