package io.muxlab.harness.peers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.muxlab.core.echo.EchoServer;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * The same suite against {@link NettyEchoServer} on Netty's io_uring transport: the same pipeline,
 * so the same checks. Where the transport cannot run (the kernel or a seccomp profile refuses
 * io_uring), every check is skipped with Netty's reason.
 */
class NettyIoUringConformanceTest extends NettyConformanceTest {
    @BeforeEach
    void needsIoUring() {
        Optional<String> why = NettyTransport.IO_URING.unavailable();
        assumeTrue(why.isEmpty(), () -> "io_uring unavailable: " + why.orElse(""));
    }

    @Override
    protected EchoServer newServer() {
        return new NettyEchoServer(NettyTransport.IO_URING);
    }
}
