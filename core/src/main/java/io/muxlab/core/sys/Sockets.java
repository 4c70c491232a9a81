package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;
import static io.muxlab.core.sys.Structs.SIN_ADDR;
import static io.muxlab.core.sys.Structs.SIN_FAMILY;
import static io.muxlab.core.sys.Structs.SIN_PORT;
import static io.muxlab.core.sys.Structs.SIZEOF_INT;
import static io.muxlab.core.sys.Structs.SIZEOF_SOCKADDR_IN;
import static io.muxlab.core.sys.Syscall.BIND;
import static io.muxlab.core.sys.Syscall.GETSOCKNAME;
import static io.muxlab.core.sys.Syscall.LISTEN;
import static io.muxlab.core.sys.Syscall.SETSOCKOPT;
import static io.muxlab.core.sys.Syscall.SOCKET;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import jnr.ffi.Pointer;

/**
 * IPv4 TCP sockets, the server's side: listen, accept, TCP_NODELAY, the bound address. Reading
 * and writing go through {@link Fds}; the client's side, which only tests need (connect,
 * socketpair, shutdown, SO_LINGER), is {@code TestSockets} in the test tree. Listening and
 * accepted sockets are non-blocking and close-on-exec from birth
 * ({@code SOCK_NONBLOCK | SOCK_CLOEXEC}), so no extra {@code fcntl} is spent per connection.
 *
 * <p>Calls off the hot path (bind, getsockname, setsockopt) allocate their small structs per
 * call and free them before returning; {@link #accept} passes no address buffer at all.
 */
public final class Sockets {
    static final int AF_INET = 2;
    static final int SOCK_STREAM = 1;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_REUSEPORT = 15;
    static final int IPPROTO_TCP = 6;
    static final int TCP_NODELAY = 1;

    private static final Syscall.FdCall LIBC_ACCEPT4 = (fd, unusedAddress, unusedCount) ->
            LIBC.accept4(fd, null, null, SOCK_NONBLOCK | SOCK_CLOEXEC);

    private Sockets() {
    }

    /**
     * A non-blocking listening socket bound to {@code host:port} (port 0: the kernel picks a free
     * one; read it back with {@link #localAddress}). SO_REUSEADDR is set so a restarted server can
     * bind while old connections sit in TIME_WAIT.
     */
    public static int listen(String host, int port, int backlog) {
        return listen(host, port, backlog, false);
    }

    /**
     * As {@link #listen(String, int, int)}; with {@code reusePort}, SO_REUSEPORT too (Linux 3.9), so
     * several sockets, one per loop, can listen on the same port and the kernel spreads incoming
     * connections over them by a hash of the connection's addresses.
     */
    public static int listen(String host, int port, int backlog, boolean reusePort) {
        checkPort(port);
        byte[] ip = ipv4(host);
        int fd = socket(SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC);
        try {
            switchOn(fd, SOL_SOCKET, SO_REUSEADDR, ", SO_REUSEADDR");
            if (reusePort) {
                switchOn(fd, SOL_SOCKET, SO_REUSEPORT, ", SO_REUSEPORT");
            }
            try (NativeMemory addr = sockaddrIn(ip, port)) {
                BIND.check(LIBC.bind(fd, addr.pointer(), SIZEOF_SOCKADDR_IN), host + ":", port, "");
            }
            LISTEN.check(LIBC.listen(fd, backlog), "backlog ", backlog, "");
            return fd;
        } catch (RuntimeException e) {
            Fds.closeQuietly(fd);
            throw e;
        }
    }

    /**
     * Accepts one pending connection as a non-blocking, close-on-exec socket; returns its fd, or
     * {@link Fds#WOULD_BLOCK} when the queue is empty. A connection that was aborted while queued
     * (ECONNABORTED) is skipped. EMFILE/ENFILE throw: the caller decides how to back off.
     */
    public static int accept(int listenFd) {
        return (int) Syscall.ACCEPT4.io(LIBC_ACCEPT4, "listening fd ", listenFd, 0, 0);
    }

    /** The address a socket is bound to, with the port the kernel chose for port 0. */
    public static InetSocketAddress localAddress(int fd) {
        try (NativeMemory addr = NativeMemory.allocate(SIZEOF_SOCKADDR_IN);
                NativeMemory len = NativeMemory.allocate(SIZEOF_INT)) {
            len.pointer().putInt(0, SIZEOF_SOCKADDR_IN);
            GETSOCKNAME.check(LIBC.getsockname(fd, addr.pointer(), len.pointer()), "fd ", fd, "");
            Pointer p = addr.pointer();
            int port = ((p.getByte(SIN_PORT) & 0xff) << 8) | (p.getByte(SIN_PORT + 1) & 0xff);
            byte[] ip = new byte[4];
            p.get(SIN_ADDR, ip, 0, 4);
            try {
                return new InetSocketAddress(InetAddress.getByAddress(ip), port);
            } catch (UnknownHostException e) {
                throw new IllegalStateException("4 bytes are always an IPv4 address", e);
            }
        }
    }

    /** Disables Nagle's algorithm, so small echoes leave at once instead of waiting for an ACK. */
    public static void setNoDelay(int fd) {
        switchOn(fd, IPPROTO_TCP, TCP_NODELAY, ", TCP_NODELAY");
    }

    static int socket(int type) {
        return SOCKET.check(LIBC.socket(AF_INET, type, 0), "AF_INET");
    }

    /**
     * The int 1 that switches a boolean option on. setsockopt only reads it, so every thread may
     * share it, and an accept path that sets TCP_NODELAY per connection allocates nothing. It lives
     * as long as the process, so it is not counted in {@link NativeMemory#liveBytes()}.
     */
    private static final Pointer ON = onFlag();

    private static Pointer onFlag() {
        long address = LIBC.calloc(1, SIZEOF_INT);
        if (address == 0) {
            throw new OutOfMemoryError("calloc(4) returned NULL");
        }
        Pointer on = Pointer.wrap(Native.RUNTIME, address, SIZEOF_INT);
        on.putInt(0, 1);
        return on;
    }

    /** Sets a boolean option; {@code label} names it in an error, e.g. {@code ", TCP_NODELAY"}. */
    private static void switchOn(int fd, int level, int name, String label) {
        SETSOCKOPT.check(LIBC.setsockopt(fd, level, name, ON, SIZEOF_INT), "fd ", fd, label);
    }

    /** struct sockaddr_in: family (host order), port and address (network order), 8 bytes zero. */
    static NativeMemory sockaddrIn(byte[] ip, int port) {
        NativeMemory addr = NativeMemory.allocate(SIZEOF_SOCKADDR_IN);
        Pointer p = addr.pointer();
        p.putShort(SIN_FAMILY, (short) AF_INET);
        p.putByte(SIN_PORT, (byte) (port >>> 8));
        p.putByte(SIN_PORT + 1, (byte) port);
        p.put(SIN_ADDR, ip, 0, 4);
        return addr;
    }

    static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }

    static byte[] ipv4(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a instanceof Inet4Address) {
                    return a.getAddress();
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve host '" + host + "'", e);
        }
        throw new IllegalArgumentException("host '" + host + "' has no IPv4 address (muxlab speaks IPv4)");
    }
}
