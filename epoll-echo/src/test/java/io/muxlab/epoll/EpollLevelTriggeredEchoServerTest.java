package io.muxlab.epoll;

import io.muxlab.core.echo.EchoServer;
import io.muxlab.core.echo.EchoServerConformance;
import io.muxlab.core.echo.MultiplexedEchoServer;

class EpollLevelTriggeredEchoServerTest extends EchoServerConformance {
    @Override
    protected EchoServer newServer() {
        return new MultiplexedEchoServer(EpollMultiplexer.LEVEL_NAME, () -> new EpollMultiplexer(false));
    }
}
