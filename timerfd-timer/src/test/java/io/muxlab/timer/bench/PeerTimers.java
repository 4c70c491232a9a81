package io.muxlab.timer.bench;

/**
 * The least a timer facility must do to take part in the timer benchmarks: schedule a one-shot
 * task and cancel it. Our three strategies and the two peers ({@code ScheduledThreadPoolExecutor},
 * Netty's {@code HashedWheelTimer}) are adapted to it in {@link Peers}, so every workload drives
 * them all the same way. Written to move into the harness unchanged.
 */
public interface PeerTimers extends AutoCloseable {

    /** A scheduled task that can still be called off. */
    @FunctionalInterface
    interface Cancellable {
        /** @return true if this call stopped the task before it ran */
        boolean cancel();
    }

    String name();

    /** Runs {@code task} once, {@code delayNanos} from now, on the facility's own thread. */
    Cancellable schedule(long delayNanos, Runnable task);

    @Override
    void close();
}
