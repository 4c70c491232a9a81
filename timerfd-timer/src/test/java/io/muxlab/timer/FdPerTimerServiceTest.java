package io.muxlab.timer;

import io.muxlab.core.timer.TimerService;
import io.muxlab.core.timer.TimerServiceContract;

/** The TimerService contract, held against the {@code fd-per-timer} strategy. */
final class FdPerTimerServiceTest extends TimerServiceContract {
    @Override
    public TimerService create() {
        return TimerServices.fdPerTimer();
    }
}
