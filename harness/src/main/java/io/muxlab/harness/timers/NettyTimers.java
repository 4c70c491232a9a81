package io.muxlab.harness.timers;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.util.concurrent.TimeUnit;

/**
 * Netty's {@link HashedWheelTimer} as a timer service: a one-level hashed wheel on a worker thread
 * that ticks while the timer runs, here every 1 ms like our wheel's default, with 512 buckets.
 */
final class NettyTimers extends OneShotTimerService {
    static final long TICK_MILLIS = 1;
    static final int BUCKETS = 512;
    private final HashedWheelTimer wheel;
    private volatile Thread worker;

    NettyTimers() {
        super(Peers.NETTY_HWT);
        wheel = new HashedWheelTimer(r -> {
            Thread t = new Thread(r, Peers.NETTY_HWT);
            t.setDaemon(true);
            worker = t;
            return t;
        }, TICK_MILLIS, TimeUnit.MILLISECONDS, BUCKETS);
    }

    @Override
    Pending runOnce(long delayNanos, Runnable task) {
        Timeout timeout = wheel.newTimeout(t -> task.run(), delayNanos, TimeUnit.NANOSECONDS);
        return timeout::cancel;
    }

    @Override
    void shutDown() {
        if (Thread.currentThread() == worker) {
            // Netty refuses stop() from its own worker; another thread stops it once this callback returns.
            Thread stopper = new Thread(wheel::stop, Peers.NETTY_HWT + "-stop");
            stopper.setDaemon(true);
            stopper.start();
            return;
        }
        wheel.stop();
    }
}
