package io.muxlab.timer;

import io.muxlab.core.timer.TimerService;
import io.muxlab.core.timer.TimerServiceContract;

/** The TimerService contract, held against the {@code wheel} strategy. */
final class WheelServiceTest extends TimerServiceContract {
    @Override
    public TimerService create() {
        return TimerServices.wheel(TimerServices.DEFAULT_TICK, TimerServices.DEFAULT_SLOTS);
    }
}
