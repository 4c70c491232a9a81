package io.muxlab.harness.timers;

import io.muxlab.core.timer.TimerService;
import io.muxlab.core.timer.TimerServiceContract;

/** Core's TimerService contract, held against the {@code netty-hwt} peer, as our strategies are. */
final class NettyTimersTest extends TimerServiceContract {
    @Override
    public TimerService create() {
        return new NettyTimers();
    }
}
