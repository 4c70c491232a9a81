package io.muxlab.timer;

import io.muxlab.core.timer.TimerService;
import io.muxlab.core.timer.TimerServiceContract;

/** The TimerService contract, held against the {@code heap} strategy. */
final class HeapServiceTest extends TimerServiceContract {
    @Override
    public TimerService create() {
        return TimerServices.heap();
    }
}
