package io.muxlab.harness.peers;

import io.muxlab.core.echo.EchoConfig;
import io.muxlab.core.echo.EchoCounters;
import io.muxlab.core.echo.EchoServer;
import io.muxlab.core.echo.EchoStats;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Netty 4.2 on one of its native transports ({@link NettyTransport}: epoll, or io_uring), with one
 * event-loop thread that both accepts and serves: the closest well-known peers to our epoll and
 * io_uring servers. The transport is the only difference between the two; the pipeline below is
 * the same code for both.
 *
 * <p>Backpressure is Netty's own: a channel stops being writable once half of {@code --buffer-limit}
 * waits in its outbound buffer (high water mark), and the handler then turns auto-read off until
 * it drains; reads are at most the other half, so a connection never holds more than the limit.
 * A half-closed peer gets every byte echoed before the server closes. Counters are touched only on
 * the event-loop thread, so core's single-writer {@link EchoCounters} fit; bytes count as written
 * when Netty has handed them to the kernel.
 */
public final class NettyEchoServer implements EchoServer {
    private final NettyTransport transport;
    private final EchoCounters counters = new EchoCounters();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private EventLoopGroup group;
    private Channel listener;
    /** Every open connection, so a stop closes them: 4.2's event loops no longer close their channels when shut down. */
    private ChannelGroup connections;
    private EchoConfig config;
    /** Connections open now; event-loop thread only. */
    private int open;
    /** In an out-of-descriptors episode: said once, quiet until an accept succeeds again; event loop only. */
    private boolean outOfDescriptors;

    public NettyEchoServer(NettyTransport transport) {
        this.transport = transport;
    }

    @Override
    public String name() {
        return transport.serverName();
    }

    @Override
    public InetSocketAddress bind(EchoConfig cfg) {
        transport.unavailable().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        this.config = cfg;
        group = new MultiThreadIoEventLoopGroup(1, transport.handlers());
        connections = new DefaultChannelGroup(group.next());
        ServerBootstrap b = new ServerBootstrap()
                .group(group, group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new AcceptErrors())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                // Held bytes stay within the limit: unwritable past half of it, and one read
                // (which may land before writability is checked) takes at most the other half.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(Math.max(1, cfg.bufferLimit() / 4), Math.max(2, cfg.bufferLimit() / 2)))
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64,
                        Math.min(2048, Math.max(64, cfg.bufferLimit() / 2)), Math.min(65536, Math.max(64, cfg.bufferLimit() / 2))))
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
                        outOfDescriptors = false;
                        connections.add(ch);
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            listener.close().syncUninterruptibly();
            connections.close().syncUninterruptibly();
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

    /**
     * On the listening channel: an accept that fails is almost always EMFILE. Netty's acceptor then
     * pauses accepting for a second by itself (no spin); this says so once per episode.
     */
    private final class AcceptErrors extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!outOfDescriptors) {
                outOfDescriptors = true;
                System.err.println(name() + ": out of descriptors? accept failed (" + cause.getMessage()
                        + "); Netty pauses accepting for 1 s, still serving open connections");
            }
            ctx.fireExceptionCaught(cause);
        }
    }

    /** One per connection: echo what arrives, flush once per read batch, honour writability. */
    private final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            int n = buf.readableBytes();
            counters.read(n);
            if (config.trace()) {
                System.out.println("read " + n);
            }
            // Counted as written when the kernel has taken it, so "held" is what Netty really holds.
            ctx.write(buf).addListener(f -> {
                if (f.isSuccess()) {
                    counters.written(n);
                }
            });
            if (!ctx.channel().isWritable()) {
                // Stops this read loop too: Netty checks auto-read before reading again.
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                // Half-close: the peer has sent everything; echo what is held, then close.
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            ctx.fireUserEventTriggered(evt);
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
