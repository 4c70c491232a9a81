package io.muxlab.harness.peers;

import io.muxlab.core.echo.EchoConfig;
import io.muxlab.core.echo.EchoCounters;
import io.muxlab.core.echo.EchoServer;
import io.muxlab.core.echo.EchoStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;

/**
 * The echo server a Java user writes first: one thread, one JDK {@link Selector} (epoll underneath
 * on Linux, level-triggered), direct buffers. It is the peer our epoll server must match, because
 * it makes the same syscalls through the JDK instead of jnr-ffi.
 *
 * <p>Backpressure as in core's loop: what a client sends but cannot yet take back waits in that
 * connection's buffer; once the buffer holds {@code --buffer-limit} bytes the server stops reading
 * from it until it drains. Buffers grow by doubling up to the limit, so idle connections cost no
 * more than a small object. Threading: everything but {@link #stop} and {@link #stats} runs on the
 * thread that called {@link #run}.
 */
public final class NioEchoServer implements EchoServer {
    /** Its name in reports, on the command line and in its summary. */
    public static final String NAME = "jdk-nio";
    private static final int READ_CHUNK = 64 * 1024;
    private static final int FIRST_BUFFER = 4 * 1024;

    private final EchoCounters counters = new EchoCounters();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_CHUNK);
    private EchoConfig config;
    private Selector selector;
    private ServerSocketChannel listener;
    private int open;
    /** Accepting is paused (out of descriptors) until {@code acceptResumesAt} (ns). */
    private boolean acceptPaused;
    private long acceptResumesAt;
    /** In an out-of-descriptors episode: said once, quiet until an accept succeeds again. */
    private boolean outOfDescriptors;
    private volatile boolean stopping;

    /** What one connection holds: bytes read but not yet written back, and whether the peer has finished sending. */
    private static final class Pending {
        ByteBuffer buffer;
        boolean inputDone;

        int size() {
            return buffer == null ? 0 : buffer.position();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public InetSocketAddress bind(EchoConfig cfg) {
        this.config = cfg;
        try {
            selector = Selector.open();
            listener = ServerSocketChannel.open();
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(cfg.host(), cfg.port()), 1024);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            closeQuietly();
            throw new UncheckedIOException("cannot listen on " + cfg.host() + ":" + cfg.port(), e);
        }
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                if (!acceptPaused) {
                    selector.select(this::handle);
                } else {
                    long left = acceptResumesAt - System.nanoTime();
                    if (left > 0) {
                        selector.select(this::handle, Math.max(1, left / 1_000_000));
                    } else {
                        listener.keyFor(selector).interestOps(SelectionKey.OP_ACCEPT);
                        acceptPaused = false;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("select failed", e);
        } finally {
            closeQuietly();
        }
    }

    @Override
    public void stop() {
        stopping = true;
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
    }

    @Override
    public EchoStats stats() {
        return counters.snapshot(Map.of());
    }

    private void handle(SelectionKey key) {
        try {
            if (key.isAcceptable()) {
                acceptAll();
                return;
            }
            if (key.isWritable()) {
                flush(key);
            }
            if (key.isValid() && key.isReadable()) {
                read(key);
            }
        } catch (IOException e) {
            // A reset or broken pipe ends this connection only; everyone else is still served.
            trace("close %s: %s", key.channel(), e.getMessage());
            close(key);
        }
    }

    private void acceptAll() throws IOException {
        while (true) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (IOException e) {
                pauseAccepting(e);
                return;
            }
            if (ch == null) {
                return;
            }
            outOfDescriptors = false;
            counters.accepted();
            if (open >= config.maxConnections()) {
                counters.refused();
                counters.closed();
                ch.close();
                continue;
            }
            open++;
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.register(selector, SelectionKey.OP_READ, new Pending());
            trace("accept %s", ch.getRemoteAddress());
        }
    }

    /**
     * accept failed, almost always for want of a descriptor (EMFILE). The pending connection stays
     * in the backlog and the listener stays readable, so retrying at once would spin: stop watching
     * the listener for 100 ms, keep serving everyone else, and say so once per episode
     * (until an accept succeeds again).
     */
    private void pauseAccepting(IOException e) {
        if (!outOfDescriptors) {
            outOfDescriptors = true;
            System.err.println("jdk-nio: out of descriptors? accept failed (" + e.getMessage()
                    + "); pausing accepts, still serving open connections");
        }
        acceptPaused = true;
        acceptResumesAt = System.nanoTime() + 100_000_000L;
        listener.keyFor(selector).interestOps(0);
    }

    private void read(SelectionKey key) throws IOException {
        SocketChannel ch = (SocketChannel) key.channel();
        Pending pending = (Pending) key.attachment();
        int room = config.bufferLimit() - pending.size();
        readBuffer.clear().limit(Math.min(READ_CHUNK, room));
        int n = ch.read(readBuffer);
        if (n < 0) {
            // Half-close: the peer has sent everything; echo what is still held, then close.
            pending.inputDone = true;
            if (pending.size() == 0) {
                trace("close %s: end of stream", ch);
                close(key);
            } else {
                key.interestOps(SelectionKey.OP_WRITE);
            }
            return;
        }
        if (n == 0) {
            return;
        }
        counters.read(n);
        if (config.trace()) {
            trace("read %d", n);
        }
        readBuffer.flip();
        if (pending.size() == 0) {
            int w = ch.write(readBuffer);
            if (w > 0) {
                counters.written(w);
                if (config.trace()) {
                    trace("wrote %d", w);
                }
            }
        }
        if (readBuffer.hasRemaining()) {
            append(pending, readBuffer);
            updateInterest(key, pending);
        }
    }

    private void flush(SelectionKey key) throws IOException {
        SocketChannel ch = (SocketChannel) key.channel();
        Pending pending = (Pending) key.attachment();
        ByteBuffer b = pending.buffer;
        b.flip();
        int w = ch.write(b);
        b.compact();
        if (w > 0) {
            counters.written(w);
            if (config.trace()) {
                trace("wrote %d", w);
            }
        }
        if (pending.inputDone) {
            if (pending.size() == 0) {
                trace("close %s: end of stream, all echoed", ch);
                close(key);
            }
            return;
        }
        updateInterest(key, pending);
    }

    /** Write interest while bytes wait; read interest while the buffer has room. */
    private void updateInterest(SelectionKey key, Pending pending) {
        int ops = 0;
        if (pending.size() < config.bufferLimit()) {
            ops |= SelectionKey.OP_READ;
        }
        if (pending.size() > 0) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    private void append(Pending pending, ByteBuffer data) {
        int needed = pending.size() + data.remaining();
        if (pending.buffer == null || pending.buffer.capacity() < needed) {
            int cap = pending.buffer == null ? FIRST_BUFFER : pending.buffer.capacity();
            while (cap < needed) {
                cap *= 2;
            }
            ByteBuffer grown = ByteBuffer.allocateDirect(Math.min(cap, Math.max(needed, config.bufferLimit())));
            if (pending.buffer != null) {
                pending.buffer.flip();
                grown.put(pending.buffer);
            }
            pending.buffer = grown;
        }
        pending.buffer.put(data);
    }

    private void close(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException e) {
            trace("close failed: %s", e.getMessage());
        }
        open--;
        counters.closed();
    }

    private void closeQuietly() {
        try {
            if (selector != null) {
                for (SelectionKey key : selector.keys()) {
                    // A cancelled key is a connection close() already counted.
                    if (key.isValid() && key.channel() instanceof SocketChannel) {
                        counters.closed();
                    }
                    key.channel().close();
                }
                selector.close();
            }
            if (listener != null) {
                listener.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing the server", e);
        }
    }

    private void trace(String format, Object... args) {
        if (config.trace()) {
            System.out.println(String.format(format, args));
        }
    }
}
