package io.muxlab.epoll;

import io.muxlab.core.echo.EchoServer;
import io.muxlab.core.echo.EchoServerConformance;
import io.muxlab.core.echo.MultiplexedEchoServer;

/** {@code epoll-echo --loops 3 --accept shared} under the conformance suite every server meets. */
class EpollSharedLoopsEchoServerTest extends EchoServerConformance {
    @Override
    protected EchoServer newServer() {
        return new MultiplexedEchoServer(EpollMultiplexer.LEVEL_NAME, () -> new EpollMultiplexer(false), 3,
                MultiplexedEchoServer.Accept.SHARED);
    }
}
