package io.muxlab.harness.timers;

import io.muxlab.core.timer.TimerService;
import io.muxlab.timer.TimerServices;
import java.util.List;

/**
 * Every facility the timer section compares, by name, each as core's {@link TimerService}: our
 * three strategies, the JDK's {@code ScheduledThreadPoolExecutor} ({@link ExecutorTimers}) and
 * Netty's {@code HashedWheelTimer} ({@link NettyTimers}). Each runs its timers on one thread of
 * its own; the workloads find it by running a timer on it ({@link TaskStats#ofCallbacks}).
 */
final class Peers {
    static final String STPE = "stpe";
    static final String NETTY_HWT = "netty-hwt";
    static final List<String> ALL = List.of(TimerServices.HEAP, TimerServices.WHEEL, TimerServices.FD_PER_TIMER, STPE, NETTY_HWT);

    private Peers() {
    }

    /** Ours (the three strategies) or a peer. */
    static boolean isOurs(String name) {
        return TimerServices.NAMES.contains(name);
    }

    static TimerService create(String name) {
        switch (name) {
            case STPE:
                return new ExecutorTimers();
            case NETTY_HWT:
                return new NettyTimers();
            default:
                return TimerServices.create(name);
        }
    }
}
