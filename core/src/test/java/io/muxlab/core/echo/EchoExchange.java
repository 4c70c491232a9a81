package io.muxlab.core.echo;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The conformance suite's client: many connections at once on one JDK NIO selector, each sending
 * its payload while reading the echo (a client that wrote a 4 MiB payload before reading would
 * deadlock against a server that applies backpressure), and checking every echoed byte in order.
 * It is not being measured, so it favours being obviously right over being fast.
 *
 * <p>Every connection stays open until all echoes are complete, so {@code whileAllOpen} runs with
 * all of them connected at once; then all are closed. Bounded by a deadline.
 */
final class EchoExchange {
    private static final class Peer {
        final SocketChannel channel;
        final byte[] payload;
        final ByteBuffer out;
        int received;

        Peer(SocketChannel channel, byte[] payload) {
            this.channel = channel;
            this.payload = payload;
            this.out = ByteBuffer.wrap(payload);
        }

        boolean done() {
            return received == payload.length;
        }
    }

    private EchoExchange() {
    }

    /**
     * Sends each payload on its own connection and checks that each comes back whole and in order.
     * Fails the test if any does not within {@code deadlineNanos}.
     */
    static void run(InetSocketAddress server, List<byte[]> payloads, long deadlineNanos, Runnable whileAllOpen) {
        long deadline = System.nanoTime() + deadlineNanos;
        List<Peer> peers = new ArrayList<>(payloads.size());
        ByteBuffer in = ByteBuffer.allocate(256 * 1024);
        try (Selector selector = Selector.open()) {
            try {
                for (byte[] payload : payloads) {
                    SocketChannel ch = SocketChannel.open();
                    Peer peer = new Peer(ch, payload);
                    peers.add(peer);
                    ch.configureBlocking(false);
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    ch.connect(server);
                    ch.register(selector, SelectionKey.OP_CONNECT, peer);
                }
                int remaining = peers.size();
                while (remaining > 0) {
                    if (System.nanoTime() > deadline) {
                        fail(remaining + " of " + peers.size() + " echoes incomplete at the deadline: " + progress(peers));
                    }
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        Peer peer = (Peer) key.attachment();
                        if (key.isConnectable()) {
                            peer.channel.finishConnect();
                        }
                        if (peer.channel.isConnected() && peer.out.hasRemaining()) {
                            peer.channel.write(peer.out);
                        }
                        if (key.isReadable() && !peer.done()) {
                            in.clear();
                            int n = peer.channel.read(in);
                            if (n < 0) {
                                fail("server closed a connection after echoing " + peer.received + " of "
                                        + peer.payload.length + " bytes");
                            }
                            check(peer, in.array(), n);
                            if (peer.done()) {
                                remaining--;
                            }
                        }
                        if (peer.channel.isConnected()) {
                            key.interestOps((peer.out.hasRemaining() ? SelectionKey.OP_WRITE : 0)
                                    | (peer.done() ? 0 : SelectionKey.OP_READ));
                        }
                    }
                    selector.selectedKeys().clear();
                }
                whileAllOpen.run();
            } finally {
                for (Peer peer : peers) {
                    peer.channel.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(Peer peer, byte[] echoed, int n) {
        if (peer.received + n > peer.payload.length) {
            fail("echo longer than the " + peer.payload.length + "-byte payload");
        }
        for (int i = 0; i < n; i++) {
            if (echoed[i] != peer.payload[peer.received + i]) {
                fail("echo differs at byte " + (peer.received + i) + " of a " + peer.payload.length + "-byte payload");
            }
        }
        peer.received += n;
    }

    private static String progress(List<Peer> peers) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (Peer p : peers) {
            if (!p.done() && shown++ < 5) {
                sb.append(" [sent ").append(p.out.position()).append('/').append(p.payload.length)
                        .append(", echoed ").append(p.received).append(']');
            }
        }
        return sb.toString();
    }
}
