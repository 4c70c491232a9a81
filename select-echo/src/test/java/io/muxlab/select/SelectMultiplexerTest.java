package io.muxlab.select;

import io.muxlab.core.mux.Multiplexer;
import io.muxlab.core.mux.MultiplexerContract;

class SelectMultiplexerTest extends MultiplexerContract {
    @Override
    protected Multiplexer newMultiplexer() {
        return new SelectMultiplexer();
    }
}
