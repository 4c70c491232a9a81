package io.muxlab.epoll;

import io.muxlab.core.mux.Multiplexer;
import io.muxlab.core.mux.MultiplexerContract;

class EpollEdgeTriggeredMultiplexerTest extends MultiplexerContract {
    @Override
    protected Multiplexer newMultiplexer() {
        return new EpollMultiplexer(true);
    }
}
