package io.muxlab.epoll;

import io.muxlab.core.cli.EchoMainContract;
import java.util.List;

class EpollEdgeTriggeredEchoMainTest extends EchoMainContract {
    @Override
    protected Class<?> mainClass() {
        return EpollEchoMain.class;
    }

    @Override
    protected String serverName() {
        return EpollMultiplexer.EDGE_NAME;
    }

    @Override
    protected List<String> extraArguments() {
        return List.of("--edge-triggered");
    }
}
