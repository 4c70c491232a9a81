package io.muxlab.poll;

import io.muxlab.core.cli.EchoMainContract;

class PollEchoMainTest extends EchoMainContract {
    @Override
    protected Class<?> mainClass() {
        return PollEchoMain.class;
    }

    @Override
    protected String serverName() {
        return PollMultiplexer.NAME;
    }
}
