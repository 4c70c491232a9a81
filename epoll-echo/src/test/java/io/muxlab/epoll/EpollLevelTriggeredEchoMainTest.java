package io.muxlab.epoll;

import io.muxlab.core.cli.EchoMainContract;

class EpollLevelTriggeredEchoMainTest extends EchoMainContract {
    @Override
    protected Class<?> mainClass() {
        return EpollEchoMain.class;
    }

    @Override
    protected String serverName() {
        return EpollMultiplexer.LEVEL_NAME;
    }
}
