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

    /** True if a live timer needs something from {@link #acquire} (fd-per-timer: its timerfd). */
    default boolean holdsResources() {
        return false;
    }

    /**
     * Takes what a timer needs before it can become live, on the caller's thread, so that a
     * refusal reaches the caller as an exception. The loop closes it when the timer is no longer
     * live. Called only if {@link #holdsResources}.
     */
    default AutoCloseable acquire(LoopTimer timer) {
        throw new UnsupportedOperationException(name() + " holds no per-timer resources");
    }

    /** Registers the strategy's descriptors; called once, before the loop starts. */
    void register(Epoll epoll);

    /**
     * Puts the timer at {@code timer.due} (period {@code timer.loopPeriod}), or moves it
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

    /**
     * Last call before the loop blocks in epoll_wait: arm or disarm the kernel timer as needed.
     *
     * @return the time by which the loop will wake up on its own: a timer scheduled from another
     *     thread with an earlier deadline needs a wake-up, a later one can wait in the queue.
     *     {@link Long#MAX_VALUE}: the loop may sleep forever; {@link #SOON}: it wakes up shortly
     *     whatever happens (the wheel, ticking), so no schedule needs a wake-up.
     */
    long beforeWait(long now);

    /** {@link #beforeWait}'s answer when the loop will look at its queue shortly anyway. */
    long SOON = Long.MIN_VALUE;

    /**
     * True when a cancelled timer holds something the loop should release at once (fd-per-timer:
     * a descriptor), so a cancel from another thread wakes the loop. Otherwise a cancel waits in
     * the queue until the loop next wakes: the timer cannot fire, and nothing is held.
     */
    default boolean cancelNeedsLoop() {
        return false;
    }

    /** Hands every timer it holds to {@code action} (used once, when the service closes). */
    void forEach(Consumer<LoopTimer> action);

    /** Releases the strategy's own descriptors and memory. */
    @Override
    void close();
}
