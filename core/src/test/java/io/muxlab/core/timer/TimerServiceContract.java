package io.muxlab.core.timer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The {@link TimerService} contract, once, for every facility: {@code timerfd-timer}'s three
 * strategies and the harness's adapters of {@code ScheduledThreadPoolExecutor} and Netty's
 * {@code HashedWheelTimer} each subclass it and say how to make their service. The tests live in
 * the interfaces it implements, one file per part of the contract.
 *
 * <p>Timing is asserted only in directions a loaded machine cannot break: a timer never fires
 * before its deadline, and "it fired" is awaited for seconds. "It did not fire" is proven by
 * ordering, never by sleeping: a {@link Sentinel} due after the deadline in question fires, and
 * since callbacks run one at a time in deadline order, the other's would have run before it.
 */
public abstract class TimerServiceContract
        implements OneShotContract, PeriodicContract, CancelContract, RescheduleContract, ThreadsContract, CloseContract {
    private TimerService service;

    /** A new service of the kind under test; the contract closes it. */
    @Override
    public abstract TimerService create();

    @Override
    public final TimerService service() {
        return service;
    }

    @BeforeEach
    void start() {
        service = create();
    }

    @AfterEach
    void stop() {
        service.close();
    }
}
