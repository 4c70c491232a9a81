package io.muxlab.uring;

import io.muxlab.core.echo.EchoServer;
import io.muxlab.core.echo.EchoServerConformance;
import io.muxlab.core.sys.IoUringAvailable;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(IoUringAvailable.class)
class UringEchoServerTest extends EchoServerConformance {
    @Override
    protected EchoServer newServer() {
        return new UringEchoServer();
    }
}
