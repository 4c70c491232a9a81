package io.muxlab.uring;

import io.muxlab.core.echo.EchoServer;
import io.muxlab.core.echo.EchoServerConformance;
import io.muxlab.core.echo.MultiplexedEchoServer;
import io.muxlab.core.sys.IoUringAvailable;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(IoUringAvailable.class)
class UringPollEchoServerTest extends EchoServerConformance {
    @Override
    protected EchoServer newServer() {
        return new MultiplexedEchoServer(UringPollMultiplexer.NAME, UringPollMultiplexer::new);
    }
}
