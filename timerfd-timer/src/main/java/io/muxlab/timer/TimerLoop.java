package io.muxlab.timer;

import io.muxlab.core.sys.Epoll;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * One epoll loop on its own thread that runs timers for a {@link TimerStrategy}: the part the
 * three strategies share. It blocks in {@code epoll_wait} with no timeout — the kernel's timerfds
 * decide when it wakes — and watches the strategy's timerfds and the {@link Handoff}'s eventfd,
 * through which other threads hand it timers whose state they changed.
 *
 * <p>One turn ({@link #run}): take the handed-over timers and make the strategy agree with each
 * ({@link #reconcile}); collect every timer that expired, before any callback runs; run their
 * callbacks; let the strategy arm its timerfd; wait. The strategy, the epoll instance and the
 * loop's copy of each timer belong to the loop thread.
 *
 * <p>Time comes from the injected clock, which must follow CLOCK_MONOTONIC (the timerfds' clock):
 * {@link System#nanoTime()} does on Linux. It counts from boot, so deadlines compare as plain longs.
 */
final class TimerLoop {
    private static final System.Logger LOG = System.getLogger(TimerLoop.class.getName());
    private static final int MAX_EVENTS = 256;

    /** Loop thread only, but for acquire and its constant answers (holdsResources, cancelNeedsLoop). */
    final TimerStrategy strategy;
    private final LongSupplier clock;
    /** Loop thread only. */
    private final Epoll epoll;
    private final Handoff handoff;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Loop thread only. */
    private final Expired expired = new Expired();
    private final Thread thread;
    /** Why the loop stopped on its own, if it did; read by ensureOpen. */
    private volatile Throwable failure;

    /** Takes ownership of {@code strategy}: closes it if the loop cannot start. */
    TimerLoop(TimerStrategy strategy, LongSupplier clock) {
        Epoll e = null;
        Handoff h = null;
        try {
            e = new Epoll(MAX_EVENTS);
            h = new Handoff();
            e.add(h.fd(), Epoll.EPOLLIN, TimerStrategy.WAKE_UP);
            strategy.register(e);
        } catch (RuntimeException | Error ex) {
            if (h != null) {
                h.close();
            }
            if (e != null) {
                e.close();
            }
            strategy.close();
            throw ex;
        }
        this.strategy = strategy;
        this.clock = clock;
        this.epoll = e;
        this.handoff = h;
        this.thread = new Thread(this::run, "timers-" + strategy.name());
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            int ready = 0;
            while (!closed.get()) {
                // First, so that a timer handed over while the loop slept can fire in this turn.
                ArrayDeque<LoopTimer> handedOver = handoff.take(reported(ready, TimerStrategy.WAKE_UP));
                for (LoopTimer timer; (timer = handedOver.pollFirst()) != null; ) {
                    reconcile(timer);
                }
                long now = now();
                for (int i = 0; i < ready; i++) {
                    long data = epoll.data(i);
                    if (data != TimerStrategy.WAKE_UP) {
                        strategy.expire(data, now, expired);
                    }
                }
                fireExpired();
                long wakesAt = strategy.beforeWait(now());
                // Poll instead of blocking if timers arrived since the take, or close() was called.
                ready = epoll.wait(handoff.maySleep(wakesAt) && !closed.get() ? -1 : 0);
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.log(Level.ERROR, "timer loop " + strategy.name() + " stopped; its timers are cancelled", e);
        } finally {
            shutDown();
        }
    }

    /**
     * Makes the strategy agree with the timer's latest state: take out what is no longer live (and
     * close what the timer held), place what is live under a generation the loop has not placed
     * yet, put a periodic timer back after it fired. Idempotent: a timer handed over twice costs
     * the second call nothing.
     */
    private void reconcile(LoopTimer timer) {
        boolean live;
        int generation;
        long deadline;
        AutoCloseable resource;
        synchronized (timer) {
            live = timer.isActive();
            generation = timer.generation;
            deadline = timer.deadline;
            resource = timer.resource;
            if (!live) {
                timer.resource = null;
            }
        }
        if (!live) {
            strategy.remove(timer);
            timer.placedGeneration = LoopTimer.NOT_PLACED;
            release(resource);
        } else if (timer.placedGeneration != generation) {
            timer.placedGeneration = generation;
            timer.due = deadline;
            strategy.place(timer, resource);
        } else if (!strategy.holds(timer)) {
            strategy.place(timer, resource);
        }
    }

    private void fireExpired() {
        for (int i = 0; i < expired.size(); i++) {
            // Strategies see timers as Placements; every Placement they hold is a LoopTimer of this loop.
            fire((LoopTimer) expired.timer(i), expired.count(i));
        }
        expired.clear();
    }

    private void fire(LoopTimer timer, long count) {
        int generation;
        boolean periodic;
        synchronized (timer) {
            if (timer.state != LoopTimer.ACTIVE || timer.generation != timer.placedGeneration) {
                return; // cancelled or rescheduled since it was placed; it waits in the hand-off
            }
            generation = timer.generation;
            periodic = timer.period != 0;
            if (periodic) {
                timer.state = LoopTimer.RUNNING;
                timer.due += count * timer.period;
                timer.deadline = timer.due;
            } else {
                timer.state = LoopTimer.FIRED;
                timerEnded();
            }
            timer.expirations += count;
        }
        try {
            timer.callback.expired(timer, count);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "callback of " + timer + " on " + strategy.name() + " threw; the loop goes on", e);
        }
        if (periodic) {
            synchronized (timer) {
                if (timer.state == LoopTimer.RUNNING && timer.generation == generation) {
                    timer.state = LoopTimer.ACTIVE;
                }
            }
        }
        reconcile(timer);
    }

    private void shutDown() {
        closed.set(true);
        List<Placement> held = new ArrayList<>();
        for (int i = 0; i < expired.size(); i++) {
            held.add(expired.timer(i)); // only when the loop failed in the middle of a turn
        }
        expired.clear();
        strategy.forEach(held::add);
        for (Placement timer : held) {
            strategy.remove(timer);
            retire((LoopTimer) timer);
        }
        for (LoopTimer timer : handoff.takeRest()) {
            retire(timer);
        }
        strategy.close();
        epoll.close();
        handoff.close();
    }

    private boolean reported(int ready, long data) {
        for (int i = 0; i < ready; i++) {
            if (epoll.data(i) == data) {
                return true;
            }
        }
        return false;
    }

    // --- what the handles and the facade ask of the loop, from any thread ---

    long now() {
        return clock.getAsLong();
    }

    int activeTimers() {
        return active.get();
    }

    /** The strategy's per-timer resource; waits for the loop to give some back only off the loop thread. */
    AutoCloseable acquire() {
        return strategy.acquire(Thread.currentThread() != thread, active::get);
    }

    void submit(LoopTimer timer, long neededBy) {
        handoff.submit(timer, neededBy);
    }

    boolean isClosed() {
        return closed.get();
    }

    void ensureOpen() {
        if (closed.get()) {
            Throwable why = failure;
            throw new IllegalStateException("timer service " + strategy.name() + " is closed"
                    + (why == null ? "" : ": its loop stopped on " + why), why);
        }
    }

    void timerStarted() {
        active.incrementAndGet();
    }

    void timerEnded() {
        active.decrementAndGet();
    }

    /** Stops the loop and waits for it, unless called from a callback (then it stops once that returns). */
    void close() {
        if (closed.compareAndSet(false, true)) {
            handoff.wakeUp();
        }
        awaitStopped();
    }

    void awaitStopped() {
        if (Thread.currentThread() == thread) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends a timer for good (service closing) and releases what it holds; idempotent, any thread. */
    void retire(LoopTimer timer) {
        AutoCloseable resource;
        synchronized (timer) {
            if (timer.isActive()) {
                timer.state = LoopTimer.CANCELLED;
                timerEnded();
            }
            resource = timer.resource;
            timer.resource = null;
        }
        release(resource);
    }

    /** Closes a timer's resource (null: nothing), logging a failure: the loop must go on. */
    static void release(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "releasing a timer's " + resource + " failed", e);
        }
    }
}
