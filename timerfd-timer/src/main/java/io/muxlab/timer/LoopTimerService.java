package io.muxlab.timer;

import io.muxlab.core.timer.Timer;
import io.muxlab.core.timer.TimerCallback;
import io.muxlab.core.timer.TimerService;
import java.time.Duration;

/**
 * The {@link TimerService} face of a {@link TimerLoop}: checks the caller's arguments, makes the
 * handle, and leaves the rest to the handle and the loop. Every method is safe from any thread.
 */
final class LoopTimerService implements TimerService {
    private final TimerLoop loop;

    LoopTimerService(TimerLoop loop) {
        this.loop = loop;
    }

    @Override
    public String name() {
        return loop.strategy.name();
    }

    @Override
    public Timer schedule(Duration delay, TimerCallback callback) {
        return newTimer(Durations.delay(delay), 0, callback);
    }

    @Override
    public Timer scheduleAtFixedRate(Duration initialDelay, Duration period, TimerCallback callback) {
        return newTimer(Durations.delay(initialDelay), Durations.positivePeriod(period), callback);
    }

    @Override
    public int activeTimers() {
        return loop.activeTimers();
    }

    @Override
    public void close() {
        loop.close();
    }

    private Timer newTimer(long delayNanos, long periodNanos, TimerCallback callback) {
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        LoopTimer timer = new LoopTimer(loop, callback);
        timer.start(delayNanos, periodNanos);
        return timer;
    }
}
