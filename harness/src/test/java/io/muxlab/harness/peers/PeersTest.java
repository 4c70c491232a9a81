package io.muxlab.harness.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.muxlab.core.echo.EchoConfig;
import io.muxlab.core.echo.EchoServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The peers keep the echo contract: byte-transparent, backpressure that loses nothing, refusal past the limit, clean stop. */
class PeersTest {
    static Stream<Arguments> peers() {
        return Stream.of(
                Arguments.of("jdk-nio", (Supplier<EchoServer>) NioEchoServer::new),
                Arguments.of("netty-epoll", (Supplier<EchoServer>) () -> new NettyEchoServer(NettyTransport.EPOLL)),
                Arguments.of("netty-io_uring", (Supplier<EchoServer>) PeersTest::nettyIoUring),
                Arguments.of("blocking", (Supplier<EchoServer>) BlockingEchoServer::platformThreads),
                Arguments.of("virtual-threads", (Supplier<EchoServer>) PeersTest::virtualThreads));
    }

    /** Skips the check, with the reason, where Netty's io_uring transport cannot run. */
    private static EchoServer nettyIoUring() {
        Optional<String> why = NettyTransport.IO_URING.unavailable();
        assumeTrue(why.isEmpty(), why.orElse(""));
        return new NettyEchoServer(NettyTransport.IO_URING);
    }

    /** Skips the check, with the reason, on a JVM older than Java 21. */
    private static EchoServer virtualThreads() {
        String why = VirtualThreads.unavailable();
        assumeTrue(why == null, why);
        return BlockingEchoServer.virtualThreads();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void echoesEveryByteInOrderOnSeveralConnections(String name, Supplier<EchoServer> make) throws Exception {
        EchoServer server = make.get();
        assertEquals(name, server.name());
        InetSocketAddress address = server.bind(EchoConfig.loopbackAnyPort());
        Thread t = start(server);
        try (Socket a = connect(address); Socket b = connect(address)) {
            byte[] x = randomBytes(1, 1000);
            byte[] y = randomBytes(2, 3000);
            a.getOutputStream().write(x);
            b.getOutputStream().write(y);
            assertArrayEquals(y, readExactly(b.getInputStream(), y.length));
            assertArrayEquals(x, readExactly(a.getInputStream(), x.length));
        } finally {
            stop(server, t);
        }
        assertEquals(4000, server.stats().bytesRead());
        assertEquals(4000, server.stats().bytesWritten());
        assertEquals(2, server.stats().accepted());
    }

    /** The client sends 2 MiB before reading any of it; with a 4 KiB buffer limit the server must pause, not drop. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void backpressureLosesNothing(String name, Supplier<EchoServer> make) throws Exception {
        EchoServer server = make.get();
        InetSocketAddress address = server.bind(EchoConfig.loopbackAnyPort().withBufferLimit(4096));
        Thread t = start(server);
        byte[] data = randomBytes(3, 2 << 20);
        try (Socket s = connect(address)) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    s.getOutputStream().write(data);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                assertArrayEquals(data, readExactly(s.getInputStream(), data.length));
                writer.join();
            });
        } finally {
            stop(server, t);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void refusesConnectionsBeyondTheLimit(String name, Supplier<EchoServer> make) throws Exception {
        EchoServer server = make.get();
        InetSocketAddress address = server.bind(EchoConfig.loopbackAnyPort().withMaxConnections(1));
        Thread t = start(server);
        try (Socket first = connect(address)) {
            first.getOutputStream().write(7);
            assertEquals(7, first.getInputStream().read());
            try (Socket second = connect(address)) {
                second.setSoTimeout(10_000);
                second.getOutputStream().write(8);
                assertEquals(-1, second.getInputStream().read(), "the second connection is closed at once");
            } catch (java.net.SocketException reset) {
                // closed with data unread: a reset is a refusal too
            }
        } finally {
            stop(server, t);
        }
        assertEquals(1, server.stats().refused());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void stopEndsRunAndClosesEveryConnection(String name, Supplier<EchoServer> make) throws Exception {
        EchoServer server = make.get();
        InetSocketAddress address = server.bind(EchoConfig.loopbackAnyPort());
        Thread t = start(server);
        try (Socket s = connect(address)) {
            s.getOutputStream().write(1);
            assertEquals(1, s.getInputStream().read());
            stop(server, t);
            s.setSoTimeout(10_000);
            int r;
            try {
                r = s.getInputStream().read();
            } catch (java.net.SocketException reset) {
                r = -1;
            }
            assertEquals(-1, r, "the server closed the connection when it stopped");
        }
        assertTrue(!t.isAlive());
        assertEquals(server.stats().accepted(), server.stats().closed());
    }

    private static Thread start(EchoServer server) {
        Thread t = new Thread(server::run, "peer-" + server.name());
        t.start();
        return t;
    }

    private static void stop(EchoServer server, Thread t) throws InterruptedException {
        server.stop();
        t.join(10_000);
        assertTrue(!t.isAlive(), "run() returned after stop()");
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket(address.getAddress(), address.getPort());
        s.setSoTimeout(30_000);
        return s;
    }

    private static byte[] randomBytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        new DataInputStream(in).readFully(b);
        return b;
    }
}
