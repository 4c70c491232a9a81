package io.muxlab.timer;

import io.muxlab.core.timer.TimerService;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

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
    /** The clock every service runs on: the JDK reads System.nanoTime from CLOCK_MONOTONIC on Linux. */
    private static final LongSupplier CLOCK = System::nanoTime;

    private TimerServices() {
    }

    /** A timerfd per timer, each registered in epoll. */
    public static TimerService fdPerTimer() {
        return on(new FdPerTimer(), CLOCK);
    }

    /** One timerfd re-armed to the earliest deadline of a min-heap. */
    public static TimerService heap() {
        return on(new HeapTimers(), CLOCK);
    }

    /**
     * One timerfd armed for the next non-empty tick of the hierarchical timing wheel: ticks of
     * {@code tick}, {@code slots} slots per level.
     */
    public static TimerService wheel(Duration tick, int slots) {
        return on(new WheelTimers(tick, slots, CLOCK), CLOCK);
    }

    /** A loop for {@code strategy} on {@code clock} (CLOCK_MONOTONIC nanoseconds, as the timerfds'). */
    static TimerService on(TimerStrategy strategy, LongSupplier clock) {
        return new LoopTimerService(new TimerLoop(strategy, clock));
    }

    /** The strategy called {@code name} (one of {@link #NAMES}); the wheel with its default tick and slots. */
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
