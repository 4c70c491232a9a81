package io.muxlab.harness.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.echo.EchoConfig;
import io.muxlab.harness.peers.NioEchoServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** The load client end to end against servers run inside the test (the harness itself never does that). */
class LoadClientTest {
    private static final LoadClient.Window NO_WINDOW = new LoadClient.Window() {
        @Override
        public void connected(int open) {
        }

        @Override
        public void started() {
        }

        @Override
        public void ended() {
        }
    };

    @Test
    void closedAndOpenLoopRunCleanAgainstAFaithfulServer() throws Exception {
        NioEchoServer server = new NioEchoServer();
        InetSocketAddress address = server.bind(EchoConfig.loopbackAnyPort());
        Thread t = new Thread(server::run, "nio-echo");
        t.start();
        try {
            LoadResult closed = LoadClient.run(new LoadSpec(address, 4, 20, 200, 2, 0, 50_000_000L, 150_000_000L, 2),
                    Clock.SYSTEM, NO_WINDOW);
            assertNull(closed.error());
            assertTrue(closed.messages() > 0);
            assertEquals(closed.messages(), closed.latency().getTotalCount());
            assertEquals(closed.messages() * 200, closed.bytes());

            LoadResult open = LoadClient.run(new LoadSpec(address, 3, 0, 64, 1, 2000, 50_000_000L, 150_000_000L, 1),
                    Clock.SYSTEM, NO_WINDOW);
            assertNull(open.error());
            assertTrue(open.messages() > 0);
        } finally {
            server.stop();
            t.join(5000);
        }
        assertEquals(0, server.stats().open());
    }

    @Test
    void aServerThatCorruptsOneByteFailsTheRunWithAClearError() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> corruptingEcho(listener), "corrupting-echo");
            t.setDaemon(true);
            t.start();
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            LoadResult r = LoadClient.run(new LoadSpec(address, 1, 0, 64, 1, 0, 50_000_000L, 100_000_000L, 1),
                    Clock.SYSTEM, NO_WINDOW);
            assertNotNull(r.error());
            assertTrue(r.error().contains("differs from what was sent"), r.error());
        }
    }

    @Test
    void aServerThatRefusesNewConnectionsIsReportedAsSuch() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        listener.accept().close();
                    }
                } catch (IOException stopped) {
                    // the test closed the listener
                }
            }, "refusing");
            t.setDaemon(true);
            t.start();
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            ConnectionRefused e = assertThrows(ConnectionRefused.class, () -> LoadClient.run(
                    new LoadSpec(address, 1, 5, 64, 1, 0, 50_000_000L, 100_000_000L, 1), Clock.SYSTEM, NO_WINDOW));
            assertEquals(0, e.established());
        }
    }

    /** Echoes the 8-byte ping faithfully, then flips one bit in byte 30 of the stream after it. */
    private static void corruptingEcho(ServerSocket listener) {
        try (Socket s = listener.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buf = new byte[4096];
            long offset = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (offset + i == 8 + 30) {
                        buf[i] ^= 0x10;
                    }
                }
                offset += n;
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // the client hung up after it found the corruption
        }
    }
}
