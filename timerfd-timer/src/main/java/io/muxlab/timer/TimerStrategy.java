package io.muxlab.timer;

import io.muxlab.core.sys.Epoll;
import java.util.function.Consumer;

/**
 * What differs between the three ways of keeping timers on one epoll loop: where a live timer
 * sits and how the kernel is told when the next one is due. Everything else — the loop thread, the
 * command queue, the eventfd wake-up, the handle's state machine — is {@link TimerLoop} and
 * {@link LoopTimer}, written once.
 *
 * <p>Threading: {@link #acquire} runs on the caller's thread; every other method on the loop
 * thread, which owns the strategy's state and descriptors.
 */
interface TimerStrategy extends AutoCloseable {

    /** Epoll data the loop keeps for its eventfd; a strategy's own data must differ from it. */
    long WAKE_UP = 0;

    String name();

    /**
     * Takes what a timer needs before it can become live, on the caller's thread and under the
     * timer's lock, so that a refusal reaches the caller as an exception. The loop closes it when
     * the timer is no longer live. Most strategies need nothing and return null.
     */
    default AutoCloseable acquire(LoopTimer timer) {
        return null;
    }

    /** Registers the strategy's descriptors; called once, before the loop starts. */
    void register(Epoll epoll);

    /**
     * Puts the timer at {@code timer.loopDeadline} (period {@code timer.loopPeriod}), or moves it
     * there if {@link #holds} it already. {@code resource} is what {@link #acquire} returned.
     */
    void place(LoopTimer timer, AutoCloseable resource);

    /** Takes the timer out; nothing if it is not held. */
    void remove(LoopTimer timer);

    boolean holds(LoopTimer timer);

    /**
     * One of the strategy's descriptors is readable ({@code data} is its epoll data): moves every
     * expired timer into {@code expired}, with its expiration count, before any callback runs.
     */
    void expire(long data, long now, Expired expired);

    /** Last call before the loop blocks in epoll_wait: arm or disarm the kernel timer as needed. */
    void beforeWait(long now);

    /** Hands every timer it holds to {@code action} (used once, when the service closes). */
    void forEach(Consumer<LoopTimer> action);

    /** Releases the strategy's own descriptors and memory. */
    @Override
    void close();
}
