package io.muxlab.harness.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A connected loopback TCP pair for tests: the client end non-blocking and registered with a
 * selector (as a worker would have it), the server end blocking, played by the test itself.
 */
final class LoopbackPair implements AutoCloseable {
    final SocketChannel client;
    final SocketChannel server;
    final Selector selector;
    final SelectionKey key;

    LoopbackPair() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            client = SocketChannel.open(listener.getLocalAddress());
            server = listener.accept();
        }
        client.configureBlocking(false);
        selector = Selector.open();
        key = client.register(selector, SelectionKey.OP_READ);
    }

    @Override
    public void close() throws IOException {
        selector.close();
        client.close();
        server.close();
    }
}
