package io.muxlab.harness.peers;

import io.muxlab.core.echo.EchoServer;
import io.muxlab.core.echo.EchoServerConformance;

/** The shared echo conformance suite against {@link NettyEchoServer} on Netty's epoll transport. */
class NettyConformanceTest extends EchoServerConformance {
    @Override
    protected EchoServer newServer() {
        return new NettyEchoServer(NettyTransport.EPOLL);
    }

    @Override
    protected String cannotMeet(Check check) {
        if (check == Check.DESCRIPTOR_EXHAUSTION) {
            return "the check reads accept4 calls from the summary, and a peer's syscalls are the JDK's, not counted";
        }
        return null;
    }
}
