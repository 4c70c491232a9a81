package io.muxlab.timer;

import io.muxlab.core.sys.Epoll;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * What differs between the three ways of keeping timers on one epoll loop: where a live timer
 * sits and how the kernel is told when the next one is due. Everything else — the loop thread,
 * the hand-off, the handle's state machine — is {@link TimerLoop}, {@link Handoff} and
 * {@link LoopTimer}, written once. A strategy sees a timer only as a {@link Placement}.
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
     *
     * @param mayWait false on the loop thread, which must not wait for itself
     * @param liveTimers the service's live timers, for a strategy that waits for resources to come back
     */
    default AutoCloseable acquire(boolean mayWait, IntSupplier liveTimers) {
        throw new UnsupportedOperationException(name() + " holds no per-timer resources");
    }

    /** Registers the strategy's descriptors; called once, before the loop starts. */
    void register(Epoll epoll);

    /**
     * Puts the timer at {@code timer.due} (period {@code timer.period}), or moves it there if
     * {@link #holds} it already. {@code resource} is what {@link #acquire} returned.
     */
    void place(Placement timer, AutoCloseable resource);

    /** Takes the timer out; nothing if it is not held. */
    void remove(Placement timer);

    boolean holds(Placement timer);

    /**
     * One of the strategy's descriptors is readable ({@code data} is its epoll data): takes every
     * expired timer out and into {@code expired}, with its expiration count, before any callback runs.
     */
    void expire(long data, long now, Expired expired);

    /**
     * Last call before the loop blocks in epoll_wait: arm or disarm the kernel timer as needed.
     *
     * @return the earliest deadline that needs the loop awake sooner than it will be: a timer
     *     scheduled from another thread with an earlier deadline wakes the loop, a later one waits
     *     in the hand-off. {@link Long#MAX_VALUE}: the loop sleeps until woken.
     */
    long beforeWait(long now);

    /**
     * True when a cancelled timer holds something the loop should release at once (fd-per-timer:
     * a descriptor), so a cancel from another thread wakes the loop. Otherwise a cancel waits in
     * the hand-off until the loop next wakes: the timer cannot fire, and nothing is held.
     */
    default boolean cancelNeedsLoop() {
        return false;
    }

    /** Hands every timer it holds to {@code action} (used once, when the service closes). */
    void forEach(Consumer<Placement> action);

    /** Releases the strategy's own descriptors and memory. */
    @Override
    void close();
}
