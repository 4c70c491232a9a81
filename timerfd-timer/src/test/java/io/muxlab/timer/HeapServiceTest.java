package io.muxlab.timer;

import io.muxlab.core.timer.TimerService;

/** The shared semantics, held against the {@code heap} strategy. */
final class HeapServiceTest extends TimerServiceContract {
    @Override
    TimerService create() {
        return TimerServices.heap();
    }
}
