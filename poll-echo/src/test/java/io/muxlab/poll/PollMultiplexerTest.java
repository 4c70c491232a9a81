package io.muxlab.poll;

import io.muxlab.core.mux.Multiplexer;
import io.muxlab.core.mux.MultiplexerContract;

class PollMultiplexerTest extends MultiplexerContract {
    @Override
    protected Multiplexer newMultiplexer() {
        return new PollMultiplexer();
    }
}
