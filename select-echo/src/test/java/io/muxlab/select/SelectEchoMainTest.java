package io.muxlab.select;

import io.muxlab.core.cli.EchoMainContract;

class SelectEchoMainTest extends EchoMainContract {
    @Override
    protected Class<?> mainClass() {
        return SelectEchoMain.class;
    }

    @Override
    protected String serverName() {
        return SelectMultiplexer.NAME;
    }
}
