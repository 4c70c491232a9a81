package io.muxlab.poll;

import io.muxlab.core.echo.EchoServer;
import io.muxlab.core.echo.EchoServerConformance;
import io.muxlab.core.echo.MultiplexedEchoServer;

class PollEchoServerTest extends EchoServerConformance {
    @Override
    protected EchoServer newServer() {
        return new MultiplexedEchoServer(PollMultiplexer.NAME, PollMultiplexer::new);
    }
}
