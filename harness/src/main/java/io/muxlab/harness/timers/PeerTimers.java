package io.muxlab.harness.timers;

/**
 * The least a timer facility must do to take part in the timer section: schedule a one-shot task,
 * cancel it, and say which thread runs it. Our three strategies and the two peers
 * ({@code ScheduledThreadPoolExecutor}, Netty's {@code HashedWheelTimer}) are adapted to it in
 * {@link Peers}, so every workload drives them all the same way.
 */
interface PeerTimers extends AutoCloseable {

    /** A scheduled task that can still be called off. */
    @FunctionalInterface
    interface Cancellable {
        /** @return true if this call stopped the task before it ran */
        boolean cancel();
    }

    String name();

    /**
     * The name of the one thread that waits for deadlines and runs the tasks, so the idle workload
     * can find it under {@code /proc/self/task} and count its wake-ups.
     */
    String threadName();

    /** Runs {@code task} once, {@code delayNanos} from now, on the facility's own thread. */
    Cancellable schedule(long delayNanos, Runnable task);

    @Override
    void close();
}
