package io.muxlab.harness.timers;

import io.muxlab.core.timer.Timer;
import io.muxlab.core.timer.TimerService;
import io.muxlab.timer.TimerServices;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Every facility the timer section compares, by name: our three strategies, the JDK's
 * {@link ScheduledThreadPoolExecutor} (one thread, a binary heap under a lock, with
 * remove-on-cancel so cancelled tasks leave the heap at once, as ours do) and Netty's
 * {@link HashedWheelTimer} (one-level hashed wheel; ticking at 1 ms like our wheel, 512 buckets).
 * Each runs its timers on one thread of its own, named so the idle workload can find it.
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

    static PeerTimers create(String name) {
        switch (name) {
            case STPE:
                return scheduledExecutor();
            case NETTY_HWT:
                return nettyWheel();
            default:
                return service(TimerServices.create(name));
        }
    }

    private static PeerTimers service(TimerService service) {
        return new PeerTimers() {
            @Override
            public String name() {
                return service.name();
            }

            /** What TimerLoop names its loop thread. */
            @Override
            public String threadName() {
                return "timers-" + service.name();
            }

            @Override
            public Cancellable schedule(long delayNanos, Runnable task) {
                Timer timer = service.schedule(Duration.ofNanos(delayNanos), (t, n) -> task.run());
                return timer::cancel;
            }

            @Override
            public void close() {
                service.close();
            }
        };
    }

    private static PeerTimers scheduledExecutor() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, STPE);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return new PeerTimers() {
            @Override
            public String name() {
                return STPE;
            }

            @Override
            public String threadName() {
                return STPE;
            }

            @Override
            public Cancellable schedule(long delayNanos, Runnable task) {
                ScheduledFuture<?> future = executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            }

            @Override
            public void close() {
                executor.shutdownNow();
                awaitTermination(executor);
            }
        };
    }

    private static PeerTimers nettyWheel() {
        HashedWheelTimer timer = new HashedWheelTimer(r -> {
            Thread t = new Thread(r, NETTY_HWT);
            t.setDaemon(true);
            return t;
        }, 1, TimeUnit.MILLISECONDS, 512);
        return new PeerTimers() {
            @Override
            public String name() {
                return NETTY_HWT;
            }

            @Override
            public String threadName() {
                return NETTY_HWT;
            }

            @Override
            public Cancellable schedule(long delayNanos, Runnable task) {
                Timeout timeout = timer.newTimeout(t -> task.run(), delayNanos, TimeUnit.NANOSECONDS);
                return timeout::cancel;
            }

            @Override
            public void close() {
                timer.stop();
            }
        };
    }

    private static void awaitTermination(ScheduledThreadPoolExecutor executor) {
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
