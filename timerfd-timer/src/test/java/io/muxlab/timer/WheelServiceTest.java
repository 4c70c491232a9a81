package io.muxlab.timer;

import io.muxlab.core.timer.TimerService;

/** The shared semantics, held against the {@code wheel} strategy. */
final class WheelServiceTest extends TimerServiceContract {
    @Override
    TimerService create() {
        return TimerServices.wheel(TimerServices.DEFAULT_TICK, TimerServices.DEFAULT_SLOTS);
    }
}
