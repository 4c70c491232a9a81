package io.muxlab.select;

import io.muxlab.core.echo.EchoServer;
import io.muxlab.core.echo.EchoServerConformance;
import io.muxlab.core.echo.MultiplexedEchoServer;
import io.muxlab.core.sys.FdSet;

class SelectEchoServerTest extends EchoServerConformance {
    @Override
    protected EchoServer newServer() {
        return new MultiplexedEchoServer(SelectMultiplexer.NAME, SelectMultiplexer::new);
    }

    @Override
    protected int maxDescriptor() {
        return FdSet.FD_SETSIZE - 1;
    }
}
