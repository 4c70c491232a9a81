package io.muxlab.core.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class SocketsTest {

    @Test
    void listenOnPortZeroAcceptAndEcho() {
        int listener = Sockets.listen("127.0.0.1", 0, 16);
        int client = -1;
        int server = -1;
        try (Epoll epoll = new Epoll(1); NativeMemory buf = NativeMemory.allocate(16)) {
            assertTrue(Inspect.isNonBlocking(listener));
            InetSocketAddress addr = Sockets.localAddress(listener);
            assertEquals("127.0.0.1", addr.getAddress().getHostAddress());
            assertTrue(addr.getPort() > 0, "kernel picked a port");
            assertEquals(Fds.WOULD_BLOCK, Sockets.accept(listener), "nobody connected yet");

            client = TestSockets.connect("127.0.0.1", addr.getPort());
            epoll.add(listener, Epoll.EPOLLIN, listener);
            assertEquals(1, epoll.wait(10_000));
            server = Sockets.accept(listener);
            assertTrue(server >= 0);
            assertTrue(Inspect.isNonBlocking(server), "accept4 made it non-blocking");
            Sockets.setNoDelay(server);
            assertTrue(Inspect.noDelay(server));

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

            TestSockets.shutdown(client, TestSockets.SHUT_WR);
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
        int client = TestSockets.connect("127.0.0.1", Sockets.localAddress(listener).getPort());
        int server = -1;
        try (Epoll epoll = new Epoll(1); NativeMemory buf = NativeMemory.allocate(8)) {
            epoll.add(listener, Epoll.EPOLLIN, 0);
            epoll.wait(10_000);
            server = Sockets.accept(listener);
            TestSockets.setLinger(client, 0);
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

    @Test
    void refusedConnectNamesTheCallAndTheAddress() throws IOException {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = gone.getLocalPort();
        }
        SyscallException e = assertThrows(SyscallException.class, () -> TestSockets.connect("127.0.0.1", port));
        assertEquals("connect", e.syscall());
        assertEquals("ECONNREFUSED", e.errnoName());
        assertTrue(e.getMessage().startsWith("connect(127.0.0.1:" + port + ") failed"), e.getMessage());
    }

    /**
     * A non-blocking connect is the one way to get a connect "in progress" on demand; an
     * interrupted blocking connect ends the same way, so both share {@code awaitConnected}.
     */
    @Test
    void aConnectInProgressEndsWithItsOutcomeFromSoError() throws IOException {
        int listener = Sockets.listen("127.0.0.1", 0, 4);
        int refusedPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refusedPort = gone.getLocalPort();
        }
        try {
            assertEquals(0, connectNonBlocking(Sockets.localAddress(listener).getPort()));
            assertEquals(jnr.constants.platform.Errno.ECONNREFUSED.intValue(), connectNonBlocking(refusedPort));
        } finally {
            Fds.close(listener);
        }
    }

    /** 0 or the errno of a non-blocking connect to 127.0.0.1:port, waiting for it if it is in progress. */
    private static int connectNonBlocking(int port) {
        int fd = Sockets.socket(Sockets.SOCK_STREAM | Sockets.SOCK_NONBLOCK | Sockets.SOCK_CLOEXEC);
        try (NativeMemory addr = Sockets.sockaddrIn(new byte[] {127, 0, 0, 1}, port)) {
            long r = Syscall.CONNECT.call(Native.LIBC.connect(fd, addr.pointer(), Structs.SIZEOF_SOCKADDR_IN));
            return r == -TestSockets.EINPROGRESS ? TestSockets.awaitConnected(fd) : (int) -r;
        } finally {
            Fds.close(fd);
        }
    }
}
