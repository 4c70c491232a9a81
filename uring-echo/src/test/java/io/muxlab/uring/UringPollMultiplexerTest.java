package io.muxlab.uring;

import io.muxlab.core.mux.Multiplexer;
import io.muxlab.core.mux.MultiplexerContract;
import io.muxlab.core.sys.IoUringAvailable;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(IoUringAvailable.class)
class UringPollMultiplexerTest extends MultiplexerContract {
    @Override
    protected Multiplexer newMultiplexer() {
        return new UringPollMultiplexer();
    }
}
