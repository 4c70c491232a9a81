package io.muxlab.timer;

import io.muxlab.core.sys.EventFd;
import java.util.ArrayDeque;

/**
 * How other threads hand timers to the loop thread: the plain pattern the JDK's
 * {@code EPollSelectorImpl} uses for its key updates — a deque under a lock, an eventfd that wakes
 * the loop out of {@code epoll_wait}, and a flag so that any number of wake-ups between two waits
 * cost one eventfd write.
 *
 * <p>A submitter wakes the loop only when it must know now: the timer needs the loop before the
 * time the loop will wake on its own ({@link #maySleep}'s argument), or the deque has grown to
 * {@value #BATCH} timers (so a stream of far-away schedules and cancels cannot pile up while the
 * loop sleeps for an hour). Anything else waits for the next natural wake-up and costs the caller
 * no syscall.
 */
final class Handoff implements AutoCloseable {
    /** {@link #submit}'s "needed by" for a timer the loop must see at once. */
    static final long NOW = Long.MIN_VALUE + 1;
    private static final int BATCH = 1024;
    /** {@link #sleepsUntil} while the loop is awake: it looks at the deque again before it sleeps. */
    private static final long AWAKE = Long.MIN_VALUE;

    private final EventFd eventFd = new EventFd();
    private final Object lock = new Object();
    /** Guarded by lock: timers handed over since the loop last took them, oldest first. */
    private ArrayDeque<LoopTimer> pending = new ArrayDeque<>();
    /** Loop thread only: the deque the loop empties while submitters fill the other. */
    private ArrayDeque<LoopTimer> taken = new ArrayDeque<>();
    /** Guarded by lock: an eventfd write is on its way or done, and the loop has not looked yet. */
    private boolean wakeUpPending;
    /** Guarded by lock: {@link #AWAKE}, or the time the loop wakes up on its own. */
    private long sleepsUntil = AWAKE;

    int fd() {
        return eventFd.fd();
    }

    /**
     * Hands a timer whose state changed to the loop, which will read its latest state; wakes the
     * loop if it needs the timer before {@code neededBy}.
     */
    void submit(LoopTimer timer, long neededBy) {
        boolean wake;
        synchronized (lock) {
            pending.addLast(timer);
            wake = sleepsUntil != AWAKE && !wakeUpPending && (neededBy < sleepsUntil || pending.size() >= BATCH);
            wakeUpPending |= wake;
        }
        if (wake) {
            eventFd.signal();
        }
    }

    /** Wakes the loop whatever it is doing (close). */
    void wakeUp() {
        eventFd.signal();
    }

    /**
     * Loop thread, after a wait: takes every timer handed over, oldest first (the order they were
     * scheduled in breaks deadline ties). {@code signalled}: epoll reported the eventfd readable.
     * The eventfd is drained before the flag is cleared: a write that comes later stays in the
     * eventfd and wakes the next wait at worst once for nothing; none can be lost. The caller
     * empties the deque before the next take.
     */
    ArrayDeque<LoopTimer> take(boolean signalled) {
        if (signalled) {
            eventFd.drain();
        }
        ArrayDeque<LoopTimer> out;
        synchronized (lock) {
            wakeUpPending = false;
            sleepsUntil = AWAKE;
            out = pending;
            pending = taken;
        }
        taken = out;
        return out;
    }

    /**
     * Loop thread, before a wait: true if it may block until {@code until} (the strategy's answer);
     * false if timers arrived since {@link #take}, so the wait must only poll.
     */
    boolean maySleep(long until) {
        synchronized (lock) {
            if (!pending.isEmpty()) {
                return false;
            }
            sleepsUntil = until;
            return true;
        }
    }

    /** Loop thread, at shutdown: every timer handed over and not reconciled (the loop may have failed mid-turn). */
    ArrayDeque<LoopTimer> takeRest() {
        ArrayDeque<LoopTimer> out = taken;
        taken = new ArrayDeque<>();
        synchronized (lock) {
            out.addAll(pending);
            pending.clear();
            sleepsUntil = AWAKE;
        }
        return out;
    }

    @Override
    public void close() {
        eventFd.close();
    }
}
