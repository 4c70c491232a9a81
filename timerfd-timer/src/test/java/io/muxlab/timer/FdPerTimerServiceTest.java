package io.muxlab.timer;

import io.muxlab.core.timer.TimerService;

/** The shared semantics, held against the {@code fdPerTimer} strategy. */
final class FdPerTimerServiceTest extends TimerServiceContract {
    @Override
    TimerService create() {
        return TimerServices.fdPerTimer();
    }
}
