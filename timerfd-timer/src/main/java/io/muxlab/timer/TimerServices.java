package io.muxlab.timer;

import io.muxlab.core.timer.TimerService;
import java.time.Duration;
import java.util.List;

/**
 * The one place where a strategy is chosen by name: the main, the tests and the benchmarks all
 * come through here. Each service runs its own loop thread; close it when done.
 */
public final class TimerServices {
    public static final String FD_PER_TIMER = "fd-per-timer";
    public static final String HEAP = "heap";
    public static final String WHEEL = "wheel";
    public static final List<String> NAMES = List.of(FD_PER_TIMER, HEAP, WHEEL);
    public static final Duration DEFAULT_TICK = WheelTimers.DEFAULT_TICK;
    public static final int DEFAULT_SLOTS = WheelTimers.DEFAULT_SLOTS;

    private TimerServices() {
    }

    /** A timerfd per timer, each registered in epoll. */
    public static TimerService fdPerTimer() {
        return new TimerLoop(new FdPerTimer());
    }

    /** One timerfd re-armed to the earliest deadline of a min-heap. */
    public static TimerService heap() {
        return new TimerLoop(new HeapTimers());
    }

    /** One timerfd ticking a hierarchical timing wheel every {@code tick}, {@code slots} slots per level. */
    public static TimerService wheel(Duration tick, int slots) {
        return new TimerLoop(new WheelTimers(tick, slots));
    }

    /** The strategy called {@code name} (one of {@link #NAMES}); the wheel with its defaults. */
    public static TimerService create(String name) {
        return create(name, DEFAULT_TICK, DEFAULT_SLOTS);
    }

    public static TimerService create(String name, Duration tick, int slots) {
        switch (name) {
            case FD_PER_TIMER:
                return fdPerTimer();
            case HEAP:
                return heap();
            case WHEEL:
                return wheel(tick, slots);
            default:
                throw new IllegalArgumentException("unknown strategy '" + name + "' (choose " + String.join(", ", NAMES) + ")");
        }
    }
}
