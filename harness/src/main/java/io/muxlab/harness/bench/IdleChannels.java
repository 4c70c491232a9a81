package io.muxlab.harness.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A JDK {@link Selector} watching {@code n} idle loopback socket ends ({@code n / 2} connected
 * pairs) for reading. Nothing is ever sent, so {@code selectNow()} measures only the look: the JDK
 * registers channels with its own epoll, so this is epoll_wait behind the JDK's bookkeeping.
 */
final class IdleChannels implements AutoCloseable {
    final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();

    IdleChannels(int n) throws IOException {
        selector = Selector.open();
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            for (int i = 0; i < n / 2; i++) {
                SocketChannel a = SocketChannel.open(listener.getLocalAddress());
                channels.add(a);
                SocketChannel b = listener.accept();
                channels.add(b);
                for (SocketChannel ch : List.of(a, b)) {
                    ch.configureBlocking(false);
                    ch.register(selector, SelectionKey.OP_READ);
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    int count() {
        return channels.size();
    }

    @Override
    public void close() throws IOException {
        selector.close();
        for (SocketChannel ch : channels) {
            ch.close();
        }
    }
}
