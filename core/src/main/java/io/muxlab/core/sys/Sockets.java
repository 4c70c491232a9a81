package io.muxlab.core.sys;

import static io.muxlab.core.sys.Native.LIBC;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import jnr.ffi.Pointer;

/**
 * IPv4 TCP sockets: listen, accept, connect, options, shutdown. Reading and writing go through
 * {@link Fds}. Listening and accepted sockets are non-blocking and close-on-exec from birth
 * ({@code SOCK_NONBLOCK | SOCK_CLOEXEC}), so no extra {@code fcntl} is spent per connection.
 *
 * <p>Calls off the hot path (bind, getsockname, setsockopt) allocate their small structs per
 * call and free them before returning; {@link #accept} passes no address buffer at all.
 */
public final class Sockets {
    static final int AF_INET = 2;
    static final int AF_UNIX = 1;
    static final int SOCK_STREAM = 1;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_ERROR = 4;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_LINGER = 13;
    static final int IPPROTO_TCP = 6;
    static final int TCP_NODELAY = 1;
    static final int SIZEOF_SOCKADDR_IN = 16;

    public static final int SHUT_RD = 0;
    public static final int SHUT_WR = 1;
    public static final int SHUT_RDWR = 2;

    private Sockets() {
    }

    /**
     * A non-blocking listening socket bound to {@code host:port} (port 0: the kernel picks a free
     * one; read it back with {@link #localAddress}). SO_REUSEADDR is set so a restarted server can
     * bind while old connections sit in TIME_WAIT.
     */
    public static int listen(String host, int port, int backlog) {
        checkPort(port);
        byte[] ip = ipv4(host);
        int fd = socket(SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC);
        try {
            setIntOption(fd, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
            try (NativeMemory addr = sockaddrIn(ip, port)) {
                Syscall.BIND.count();
                if (LIBC.bind(fd, addr.pointer(), SIZEOF_SOCKADDR_IN) < 0) {
                    throw SyscallException.fromErrno("bind", host + ":" + port);
                }
            }
            Syscall.LISTEN.count();
            if (LIBC.listen(fd, backlog) < 0) {
                throw SyscallException.fromErrno("listen", "backlog " + backlog);
            }
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
        while (true) {
            Syscall.ACCEPT4.count();
            int fd = LIBC.accept4(listenFd, null, null, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd >= 0) {
                return fd;
            }
            int errno = Native.errno();
            if (errno == Errno.EAGAIN) {
                return Fds.WOULD_BLOCK;
            }
            if (errno != Errno.EINTR && errno != Errno.ECONNABORTED) {
                throw new SyscallException("accept4", errno, "listening fd " + listenFd);
            }
        }
    }

    /** A blocking connection to {@code host:port}, for clients and tests. */
    public static int connect(String host, int port) {
        checkPort(port);
        byte[] ip = ipv4(host);
        int fd = socket(SOCK_STREAM | SOCK_CLOEXEC);
        try (NativeMemory addr = sockaddrIn(ip, port)) {
            while (true) {
                Syscall.CONNECT.count();
                if (LIBC.connect(fd, addr.pointer(), SIZEOF_SOCKADDR_IN) == 0) {
                    return fd;
                }
                int errno = Native.errno();
                if (errno != Errno.EINTR) {
                    throw new SyscallException("connect", errno, host + ":" + port);
                }
            }
        } catch (RuntimeException e) {
            Fds.closeQuietly(fd);
            throw e;
        }
    }

    /** A connected pair of non-blocking Unix stream sockets: {@code [a, b]}. */
    public static int[] socketPair() {
        int[] sv = new int[2];
        Syscall.SOCKETPAIR.count();
        if (LIBC.socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) < 0) {
            throw SyscallException.fromErrno("socketpair", "AF_UNIX");
        }
        return sv;
    }

    /** The address a socket is bound to, with the port the kernel chose for port 0. */
    public static InetSocketAddress localAddress(int fd) {
        try (NativeMemory addr = NativeMemory.allocate(SIZEOF_SOCKADDR_IN);
                NativeMemory len = NativeMemory.allocate(4)) {
            len.pointer().putInt(0, SIZEOF_SOCKADDR_IN);
            Syscall.GETSOCKNAME.count();
            if (LIBC.getsockname(fd, addr.pointer(), len.pointer()) < 0) {
                throw SyscallException.fromErrno("getsockname", "fd " + fd);
            }
            Pointer p = addr.pointer();
            int port = ((p.getByte(2) & 0xff) << 8) | (p.getByte(3) & 0xff);
            byte[] ip = new byte[4];
            p.get(4, ip, 0, 4);
            try {
                return new InetSocketAddress(InetAddress.getByAddress(ip), port);
            } catch (UnknownHostException e) {
                throw new IllegalStateException("4 bytes are always an IPv4 address", e);
            }
        }
    }

    /** Disables Nagle's algorithm, so small echoes leave at once instead of waiting for an ACK. */
    public static void setNoDelay(int fd) {
        setIntOption(fd, IPPROTO_TCP, TCP_NODELAY, 1, "TCP_NODELAY");
    }

    /** SO_LINGER on with {@code seconds}; 0 makes {@code close} send RST instead of FIN. */
    public static void setLinger(int fd, int seconds) {
        try (NativeMemory linger = NativeMemory.allocate(8)) {
            linger.pointer().putInt(0, 1);
            linger.pointer().putInt(4, seconds);
            Syscall.SETSOCKOPT.count();
            if (LIBC.setsockopt(fd, SOL_SOCKET, SO_LINGER, linger.pointer(), 8) < 0) {
                throw SyscallException.fromErrno("setsockopt", "fd " + fd + ", SO_LINGER");
            }
        }
    }

    public static void setReceiveBuffer(int fd, int bytes) {
        setIntOption(fd, SOL_SOCKET, SO_RCVBUF, bytes, "SO_RCVBUF");
    }

    public static void setSendBuffer(int fd, int bytes) {
        setIntOption(fd, SOL_SOCKET, SO_SNDBUF, bytes, "SO_SNDBUF");
    }

    public static int receiveBuffer(int fd) {
        return intOption(fd, SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF");
    }

    public static int sendBuffer(int fd) {
        return intOption(fd, SOL_SOCKET, SO_SNDBUF, "SO_SNDBUF");
    }

    /** Reads and clears the socket's pending error (SO_ERROR); 0 if none. */
    public static int pendingError(int fd) {
        return intOption(fd, SOL_SOCKET, SO_ERROR, "SO_ERROR");
    }

    public static boolean noDelay(int fd) {
        return intOption(fd, IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY") != 0;
    }

    public static void shutdown(int fd, int how) {
        Syscall.SHUTDOWN.count();
        if (LIBC.shutdown(fd, how) < 0) {
            throw SyscallException.fromErrno("shutdown", "fd " + fd);
        }
    }

    private static int socket(int type) {
        Syscall.SOCKET.count();
        int fd = LIBC.socket(AF_INET, type, 0);
        if (fd < 0) {
            throw SyscallException.fromErrno("socket", "AF_INET");
        }
        return fd;
    }

    /**
     * The int 1 that switches a boolean option on. setsockopt only reads it, so every thread may
     * share it, and an accept path that sets TCP_NODELAY per connection allocates nothing. It lives
     * as long as the process, so it is not counted in {@link NativeMemory#liveBytes()}.
     */
    private static final Pointer ON = onFlag();

    private static Pointer onFlag() {
        long address = LIBC.calloc(1, 4);
        if (address == 0) {
            throw new OutOfMemoryError("calloc(4) returned NULL");
        }
        Pointer on = Pointer.wrap(Native.RUNTIME, address, 4);
        on.putInt(0, 1);
        return on;
    }

    private static void setIntOption(int fd, int level, int name, int value, String label) {
        if (value == 1) {
            setOption(fd, level, name, ON, label);
            return;
        }
        try (NativeMemory v = NativeMemory.allocate(4)) {
            v.pointer().putInt(0, value);
            setOption(fd, level, name, v.pointer(), label);
        }
    }

    private static void setOption(int fd, int level, int name, Pointer value, String label) {
        Syscall.SETSOCKOPT.count();
        if (LIBC.setsockopt(fd, level, name, value, 4) < 0) {
            throw SyscallException.fromErrno("setsockopt", "fd " + fd + ", " + label);
        }
    }

    private static int intOption(int fd, int level, int name, String label) {
        try (NativeMemory v = NativeMemory.allocate(4); NativeMemory len = NativeMemory.allocate(4)) {
            len.pointer().putInt(0, 4);
            Syscall.GETSOCKOPT.count();
            if (LIBC.getsockopt(fd, level, name, v.pointer(), len.pointer()) < 0) {
                throw SyscallException.fromErrno("getsockopt", "fd " + fd + ", " + label);
            }
            return v.pointer().getInt(0);
        }
    }

    /** struct sockaddr_in: family (host order), port and address (network order), 8 bytes zero. */
    private static NativeMemory sockaddrIn(byte[] ip, int port) {
        NativeMemory addr = NativeMemory.allocate(SIZEOF_SOCKADDR_IN);
        Pointer p = addr.pointer();
        p.putShort(0, (short) AF_INET);
        p.putByte(2, (byte) (port >>> 8));
        p.putByte(3, (byte) port);
        p.put(4, ip, 0, 4);
        return addr;
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }

    private static byte[] ipv4(String host) {
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
