package io.muxlab.harness.peers;

import io.muxlab.core.echo.EchoConfig;
import io.muxlab.core.echo.EchoCounters;
import io.muxlab.core.echo.EchoServer;
import io.muxlab.core.echo.EchoStats;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Netty 4.1 on its native epoll transport (JNI, edge-triggered by default), with one event-loop
 * thread that both accepts and serves: the closest well-known peer to our epoll server.
 *
 * <p>Backpressure is Netty's own: a channel stops being writable once {@code --buffer-limit}
 * bytes wait in its outbound buffer (high water mark), and the handler then turns auto-read off
 * until it drains to half of that. Counters are touched only on the event-loop thread, so core's
 * single-writer {@link EchoCounters} fit; "messages written" counts writes handed to Netty.
 */
public final class NettyEchoServer implements EchoServer {
    private final EchoCounters counters = new EchoCounters();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private EpollEventLoopGroup group;
    private Channel listener;
    private EchoConfig config;
    /** Connections open now; event-loop thread only. */
    private int open;

    @Override
    public String name() {
        return "netty-epoll";
    }

    @Override
    public InetSocketAddress bind(EchoConfig cfg) {
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("Netty's native epoll transport is not available here: "
                    + Epoll.unavailabilityCause());
        }
        this.config = cfg;
        group = new EpollEventLoopGroup(1);
        ServerBootstrap b = new ServerBootstrap()
                .group(group, group)
                .channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(Math.max(1, cfg.bufferLimit() / 2), cfg.bufferLimit()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        counters.accepted();
                        if (open >= config.maxConnections()) {
                            counters.refused();
                            counters.closed();
                            ch.close();
                            return;
                        }
                        open++;
                        ch.pipeline().addLast(new Echo());
                    }
                });
        try {
            listener = b.bind(cfg.host(), cfg.port()).sync().channel();
            return (InetSocketAddress) listener.localAddress();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("interrupted while binding", e);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    @Override
    public void run() {
        try {
            stopped.await();
            listener.close().syncUninterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Override
    public void stop() {
        stopped.countDown();
    }

    @Override
    public EchoStats stats() {
        return counters.snapshot(Map.of());
    }

    /** One per connection: echo what arrives, flush once per read batch, honour writability. */
    private final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            int n = buf.readableBytes();
            counters.read(n);
            counters.written(n);
            if (config.trace()) {
                System.out.println("read " + n);
            }
            ctx.write(buf, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            if (!ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            open--;
            counters.closed();
            if (config.trace()) {
                System.out.println("close " + ctx.channel().remoteAddress());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A reset peer ends its own connection only.
            ctx.close();
        }
    }
}
