package io.muxlab.harness.peers;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one difference between the two Netty peers: which native transport Netty 4.2 runs under the
 * same pipeline. Each is an {@code IoHandler} (the part of an event loop that talks to the kernel)
 * plus its server channel class; {@link NettyEchoServer} is the rest, written once.
 *
 * <p>{@code epoll} is readiness (JNI, edge-triggered); {@code io_uring} is Netty's completion
 * transport: it submits recv and send requests to a ring and reaps their results, as our
 * {@code uring} does, so the pair mirrors {@code epoll-et} and {@code uring}.
 */
public enum NettyTransport {
    EPOLL("netty-epoll", "epoll", EpollIoHandler::newFactory, EpollServerSocketChannel.class) {
        @Override
        public Optional<String> unavailable() {
            return Epoll.isAvailable() ? Optional.empty()
                    : Optional.of("Netty's native epoll transport is not available here: " + Epoll.unavailabilityCause());
        }
    },
    IO_URING("netty-io_uring", "io_uring", IoUringIoHandler::newFactory, IoUringServerSocketChannel.class) {
        @Override
        public Optional<String> unavailable() {
            return IoUring.isAvailable() ? Optional.empty()
                    : Optional.of("Netty's io_uring transport is not available here: " + IoUring.unavailabilityCause());
        }
    };

    /** The peer's name in reports, on the command line and in its summary. */
    private final String serverName;
    /** What {@code --transport} calls it. */
    private final String option;
    private final Supplier<IoHandlerFactory> handlers;
    private final Class<? extends ServerChannel> serverChannel;

    NettyTransport(String serverName, String option, Supplier<IoHandlerFactory> handlers,
            Class<? extends ServerChannel> serverChannel) {
        this.serverName = serverName;
        this.option = option;
        this.handlers = handlers;
        this.serverChannel = serverChannel;
    }

    public String serverName() {
        return serverName;
    }

    public String option() {
        return option;
    }

    /** Why this transport cannot run here (its native library did not load, the kernel refused), if it cannot. */
    public abstract Optional<String> unavailable();

    IoHandlerFactory handlers() {
        return handlers.get();
    }

    Class<? extends ServerChannel> serverChannel() {
        return serverChannel;
    }

    /** The transport {@code --transport} names, if any does. */
    static Optional<NettyTransport> byOption(String option) {
        for (NettyTransport t : values()) {
            if (t.option.equals(option)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
