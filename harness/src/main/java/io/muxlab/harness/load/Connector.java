package io.muxlab.harness.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens connections at a bounded pace: a batch at a time, and each connection of a batch must
 * echo a short ping before the next batch starts. So the server has accepted and is serving every
 * connection before the run begins, the accept backlog never overflows (a dropped SYN would cost a
 * one-second retransmit and be measured as the server's fault), and a server that will not take
 * more connections is found out here, with a clear message, instead of mid-run.
 */
final class Connector {
    static final int BATCH = 100;
    private static final long PING_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final byte[] PING = {'m', 'u', 'x', 'l', 'a', 'b', '?', '\n'};

    private Connector() {
    }

    /**
     * Opens {@code n} connections to {@code address}, each pinged once, added to {@code into}
     * as it succeeds (so the caller can close them on every path).
     *
     * @throws ConnectionRefused if the server closes or ignores a new connection
     */
    static void open(InetSocketAddress address, int n, List<SocketChannel> into) throws IOException {
        ByteBuffer ping = ByteBuffer.wrap(PING);
        ByteBuffer pong = ByteBuffer.allocate(PING.length);
        try (Selector selector = Selector.open()) {
            for (int done = 0; done < n; ) {
                int batch = Math.min(BATCH, n - done);
                List<SocketChannel> fresh = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    SocketChannel ch = connect(address, into.size());
                    into.add(ch);
                    fresh.add(ch);
                }
                for (SocketChannel ch : fresh) {
                    ch.configureBlocking(false);
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    ping.clear();
                    if (ch.write(ping) != PING.length) {
                        throw new IOException("a fresh socket did not take an 8-byte ping");
                    }
                    ch.register(selector, SelectionKey.OP_READ, new int[] {0});
                }
                awaitPongs(selector, pong, batch, into.size() - batch);
                for (SelectionKey k : selector.keys()) {
                    k.cancel();
                }
                selector.selectNow();
                done += batch;
            }
        }
    }

    private static SocketChannel connect(InetSocketAddress address, int established) throws IOException {
        try {
            return SocketChannel.open(address);
        } catch (IOException e) {
            throw new ConnectionRefused(established, "connecting to " + address + " after " + established
                    + " connections failed: " + e.getMessage());
        }
    }

    private static void awaitPongs(Selector selector, ByteBuffer pong, int batch, int before) throws IOException {
        long deadline = System.nanoTime() + PING_TIMEOUT_NANOS;
        int[] answered = {0};
        while (answered[0] < batch) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ConnectionRefused(before, "the server did not answer a new connection within 10 s after "
                        + before + " connections");
            }
            selector.select(key -> {
                int[] got = (int[]) key.attachment();
                SocketChannel ch = (SocketChannel) key.channel();
                pong.clear().limit(PING.length - got[0]);
                int n;
                try {
                    n = ch.read(pong);
                } catch (IOException e) {
                    throw new ConnectionRefused(before, "the server reset a new connection after " + before
                            + " connections: " + e.getMessage());
                }
                if (n < 0) {
                    throw new ConnectionRefused(before, "the server closed a new connection after " + before
                            + " connections instead of serving it");
                }
                for (int i = 0; i < n; i++) {
                    if (pong.get(i) != PING[got[0] + i]) {
                        throw new LoadFailure("the server echoed a ping wrongly (byte " + (got[0] + i) + ")");
                    }
                }
                got[0] += n;
                if (got[0] == PING.length) {
                    key.interestOps(0);
                    answered[0]++;
                }
            }, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }
}
