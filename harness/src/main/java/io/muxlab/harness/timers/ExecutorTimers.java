package io.muxlab.harness.timers;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's {@link ScheduledThreadPoolExecutor} as a timer service: one thread, a binary heap under
 * a lock, remove-on-cancel so that a cancelled task leaves the heap at once, as ours do.
 */
final class ExecutorTimers extends OneShotTimerService {
    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    ExecutorTimers() {
        super(Peers.STPE);
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, Peers.STPE);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    Pending runOnce(long delayNanos, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    void shutDown() {
        executor.shutdownNow();
        if (Thread.currentThread() == thread) {
            return; // from a callback: the executor ends once it returns
        }
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
