package io.muxlab.core.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SocketsTest {

    @Test
    void listenOnPortZeroAcceptAndEcho() {
        int listener = Sockets.listen("127.0.0.1", 0, 16);
        int client = -1;
        int server = -1;
        try (Epoll epoll = new Epoll(1); NativeMemory buf = NativeMemory.allocate(16)) {
            assertTrue(Fds.isNonBlocking(listener));
            InetSocketAddress addr = Sockets.localAddress(listener);
            assertEquals("127.0.0.1", addr.getAddress().getHostAddress());
            assertTrue(addr.getPort() > 0, "kernel picked a port");
            assertEquals(Fds.WOULD_BLOCK, Sockets.accept(listener), "nobody connected yet");

            client = Sockets.connect("127.0.0.1", addr.getPort());
            epoll.add(listener, Epoll.EPOLLIN, listener);
            assertEquals(1, epoll.wait(10_000));
            server = Sockets.accept(listener);
            assertTrue(server >= 0);
            assertTrue(Fds.isNonBlocking(server), "accept4 made it non-blocking");
            Sockets.setNoDelay(server);
            assertTrue(Sockets.noDelay(server));

            buf.pointer().put(0, new byte[] {1, 2, 3}, 0, 3);
            assertEquals(3, Fds.write(client, buf.address(), 3));
            long n;
            do {
                n = Fds.read(server, buf.address() + 8, 8);
            } while (n == Fds.WOULD_BLOCK);
            assertEquals(3, n);
            byte[] got = new byte[3];
            buf.pointer().get(8, got, 0, 3);
            assertEquals(2, got[1]);

            Sockets.shutdown(client, Sockets.SHUT_WR);
            do {
                n = Fds.read(server, buf.address(), 8);
            } while (n == Fds.WOULD_BLOCK);
            assertEquals(0, n, "end of stream after the peer's shutdown");
        } finally {
            Fds.closeQuietly(client);
            Fds.closeQuietly(server);
            Fds.close(listener);
        }
    }

    @Test
    void resetPeerSurfacesAsEconnreset() {
        int listener = Sockets.listen("127.0.0.1", 0, 16);
        int client = Sockets.connect("127.0.0.1", Sockets.localAddress(listener).getPort());
        int server = -1;
        try (Epoll epoll = new Epoll(1); NativeMemory buf = NativeMemory.allocate(8)) {
            epoll.add(listener, Epoll.EPOLLIN, 0);
            epoll.wait(10_000);
            server = Sockets.accept(listener);
            Sockets.setLinger(client, 0);
            Fds.close(client);
            client = -1;
            int fd = server;
            SyscallException e = assertThrows(SyscallException.class, () -> {
                while (Fds.read(fd, buf.address(), 8) == Fds.WOULD_BLOCK) {
                    Thread.onSpinWait();
                }
            });
            assertEquals("ECONNRESET", e.errnoName());
        } finally {
            Fds.closeQuietly(client);
            Fds.closeQuietly(server);
            Fds.close(listener);
        }
    }

    @Test
    void bindingAPortInUseFailsWithEaddrinuse() {
        int a = Sockets.listen("127.0.0.1", 0, 1);
        try {
            int port = Sockets.localAddress(a).getPort();
            SyscallException e = assertThrows(SyscallException.class, () -> Sockets.listen("127.0.0.1", port, 1));
            assertEquals("bind", e.syscall());
            assertEquals("EADDRINUSE", e.errnoName());
        } finally {
            Fds.close(a);
        }
    }

    @Test
    void badHostAndPortAreRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> Sockets.listen("127.0.0.1", 70000, 1));
        assertThrows(IllegalArgumentException.class, () -> Sockets.listen("no-such-host.invalid", 0, 1));
    }
}
