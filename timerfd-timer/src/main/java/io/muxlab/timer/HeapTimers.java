package io.muxlab.timer;

import io.muxlab.core.sys.Epoll;
import io.muxlab.core.sys.TimerFd;
import java.util.function.Consumer;

/**
 * The {@code heap} strategy: one timerfd for any number of timers, armed (absolute, on
 * CLOCK_MONOTONIC) to the earliest deadline of a {@link TimerHeap}. What libuv, Node and most
 * event loops do, with the kernel timer in place of epoll_wait's millisecond timeout, so deadlines
 * keep nanosecond resolution.
 *
 * <p>Costs: schedule and cancel are O(log n) on the loop and reach the kernel only when the
 * earliest deadline changes — one {@code timerfd_settime} per loop turn at most, never one per
 * timer. The loop wakes only when something is due: with a million timers an hour away it sleeps
 * for an hour.
 */
final class HeapTimers implements TimerStrategy {
    private static final long DATA = 1;

    private final TimerHeap<Placement> heap = new TimerHeap<>();
    private final TimerFd timerFd = new TimerFd(TimerFd.Clock.MONOTONIC);
    /** The deadline the timerfd is armed to; meaningful while {@link #armed}. */
    private long armedDeadline;
    private boolean armed;

    @Override
    public String name() {
        return "heap";
    }

    @Override
    public void register(Epoll epoll) {
        epoll.add(timerFd.fd(), Epoll.EPOLLIN, DATA);
    }

    @Override
    public void place(Placement timer, AutoCloseable resource) {
        heap.remove(timer);
        heap.add(timer, timer.due);
    }

    @Override
    public void remove(Placement timer) {
        heap.remove(timer);
    }

    @Override
    public boolean holds(Placement timer) {
        return heap.contains(timer);
    }

    @Override
    public void expire(long data, long now, Expired expired) {
        timerFd.readExpirations();
        armed = false; // a one-shot timerfd that fired is disarmed
        Placement due;
        while ((due = heap.pollDue(now)) != null) {
            expired.add(due, due.expirationsAt(now));
        }
    }

    @Override
    public long beforeWait(long now) {
        Placement first = heap.peek();
        if (first == null) {
            if (armed) {
                timerFd.disarm();
                armed = false;
            }
            return Long.MAX_VALUE;
        }
        if (!armed || armedDeadline != first.due) {
            timerFd.armAbsolute(first.due, 0);
            armedDeadline = first.due;
            armed = true;
        }
        return armedDeadline;
    }

    @Override
    public void forEach(Consumer<Placement> action) {
        heap.forEach(action);
    }

    @Override
    public void close() {
        timerFd.close();
    }
}
