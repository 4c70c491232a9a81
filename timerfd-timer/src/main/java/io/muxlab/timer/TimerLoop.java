package io.muxlab.timer;

import io.muxlab.core.sys.Epoll;
import io.muxlab.core.sys.EventFd;
import io.muxlab.core.timer.Timer;
import io.muxlab.core.timer.TimerCallback;
import io.muxlab.core.timer.TimerService;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One epoll loop on its own thread that runs timers for a {@link TimerStrategy}: the part the
 * three strategies share. The loop blocks in {@code epoll_wait} with no timeout — the kernel's
 * timerfds decide when it wakes — and watches two kinds of descriptor: the strategy's timerfds and
 * an eventfd through which other threads hand it work.
 *
 * <p>Threading: the strategy, the epoll instance and every "loop thread only" field of a timer
 * belong to the loop thread. Another thread that schedules, cancels or reschedules changes the
 * timer's own state under its lock, puts the timer on {@link #commands} and signals the eventfd —
 * but only when the loop needs to know now: a new deadline earlier than the one the loop sleeps
 * until ({@link #sleepsUntil}), a cancel whose descriptor should go back at once (fd-per-timer),
 * or every {@value #BATCH}th command, so the queue stays short. Anything else waits for the loop's
 * next natural wake-up, which costs the caller no syscall. {@link #wakeUpPending} coalesces
 * signals. The loop then makes its structure agree with the timer ({@link #reconcile}), so a
 * schedule followed at once by a cancel costs the structure nothing.
 *
 * <p>One loop turn: apply the queued commands; collect every timer that expired during the last
 * wait; run their callbacks; let the strategy arm its timerfd; wait. Time is
 * {@link System#nanoTime()}, which the JDK reads from CLOCK_MONOTONIC on Linux — the clock the
 * timerfds follow; it counts from boot, so deadlines compare as plain longs.
 */
final class TimerLoop implements TimerService {
    private static final System.Logger LOG = System.getLogger(TimerLoop.class.getName());
    private static final int MAX_EVENTS = 256;
    private static final int BATCH = 1024;

    /** Loop thread only, but for acquire and its constant answers (holdsResources, cancelNeedsLoop). */
    final TimerStrategy strategy;
    /** Loop thread only. */
    private final Epoll epoll;
    /** signal() from any thread; drain() and close() on the loop thread. */
    private final EventFd wakeUp;
    /**
     * Timers whose state changed since the loop last looked, newest first, linked through
     * {@link LoopTimer#nextCommand} (a Treiber stack: no node to allocate, one CAS per push). Any
     * thread pushes; the loop takes the whole stack with one swap per turn.
     */
    private final AtomicReference<LoopTimer> commands = new AtomicReference<>();
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    /**
     * Written by the loop, read by submitters: {@link TimerStrategy#SOON} while the loop is awake
     * (it reads the queue again before it sleeps), else what the strategy's beforeWait returned.
     */
    private volatile long sleepsUntil = TimerStrategy.SOON;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Loop thread only. */
    private final Expired expired = new Expired();
    private final Thread thread;
    /** Why the loop stopped on its own, if it did; read by ensureOpen. */
    private volatile Throwable failure;

    TimerLoop(TimerStrategy strategy) {
        Epoll e = null;
        EventFd w = null;
        try {
            e = new Epoll(MAX_EVENTS);
            w = new EventFd();
            e.add(w.fd(), Epoll.EPOLLIN, TimerStrategy.WAKE_UP);
            strategy.register(e);
        } catch (RuntimeException | Error ex) {
            if (w != null) {
                w.close();
            }
            if (e != null) {
                e.close();
            }
            strategy.close();
            throw ex;
        }
        this.strategy = strategy;
        this.epoll = e;
        this.wakeUp = w;
        this.thread = new Thread(this::run, "timers-" + strategy.name());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String name() {
        return strategy.name();
    }

    @Override
    public Timer schedule(Duration delay, TimerCallback callback) {
        return newTimer(Durations.delay(delay), 0, callback);
    }

    @Override
    public Timer scheduleAtFixedRate(Duration initialDelay, Duration period, TimerCallback callback) {
        return newTimer(Durations.delay(initialDelay), Durations.positivePeriod(period), callback);
    }

    @Override
    public int activeTimers() {
        return active.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            wakeUp.signal();
        }
        awaitStopped();
    }

    /**
     * Waits until the loop thread has shut down, unless called on it (from a callback: the loop
     * shuts down as soon as the callback returns).
     */
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

    long now() {
        return System.nanoTime();
    }

    boolean onLoopThread() {
        return Thread.currentThread() == thread;
    }

    boolean isClosed() {
        return closed.get();
    }

    void ensureOpen() {
        if (closed.get()) {
            Throwable why = failure;
            throw new IllegalStateException("timer service " + name() + " is closed"
                    + (why == null ? "" : ": its loop stopped on " + why), why);
        }
    }

    void timerStarted() {
        active.incrementAndGet();
    }

    void timerEnded() {
        active.decrementAndGet();
    }

    /**
     * Hands a (re)scheduled timer to the loop ({@code enqueue} false: it is queued already); wakes
     * the loop if it would sleep past {@code deadline}.
     */
    void submitSchedule(LoopTimer timer, boolean enqueue, long deadline) {
        if (enqueue) {
            push(timer);
        }
        long sleepsUntil = this.sleepsUntil;
        if (sleepsUntil != TimerStrategy.SOON && (deadline < sleepsUntil || batchFull())) {
            wakeUp();
        }
    }

    /** Hands a cancelled timer to the loop; wakes it only if the strategy must release something. */
    void submitCancel(LoopTimer timer, boolean enqueue) {
        if (enqueue) {
            push(timer);
        }
        if (sleepsUntil != TimerStrategy.SOON && (strategy.cancelNeedsLoop() || batchFull())) {
            wakeUp();
        }
    }

    /** The timer is marked queued, so it is on the stack at most once and its link is free. */
    private void push(LoopTimer timer) {
        LoopTimer head;
        do {
            head = commands.get();
            timer.nextCommand = head;
        } while (!commands.compareAndSet(head, timer));
    }

    /** Takes every queued timer, oldest first (the order they were scheduled in breaks deadline ties). */
    private LoopTimer takeCommands() {
        LoopTimer newestFirst = commands.getAndSet(null);
        LoopTimer oldestFirst = null;
        while (newestFirst != null) {
            LoopTimer next = newestFirst.nextCommand;
            newestFirst.nextCommand = oldestFirst;
            oldestFirst = newestFirst;
            newestFirst = next;
        }
        return oldestFirst;
    }

    /** Every BATCH-th command wakes the loop, so a queue of cancels cannot grow while it sleeps. */
    private boolean batchFull() {
        return (submitted.incrementAndGet() & (BATCH - 1)) == 0;
    }

    private void wakeUp() {
        if (Thread.currentThread() != thread && wakeUpPending.compareAndSet(false, true)) {
            wakeUp.signal();
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

    private Timer newTimer(long delayNanos, long periodNanos, TimerCallback callback) {
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        LoopTimer timer = new LoopTimer(this, callback);
        timer.start(delayNanos, periodNanos);
        return timer;
    }

    private void run() {
        try {
            int ready = 0;
            while (!closed.get()) {
                sleepsUntil = TimerStrategy.SOON;
                // Drain the eventfd, then allow new signals — in that order: a signal sent after the
                // reset stays in the eventfd and wakes the next wait; one sent before it came with a
                // command that the queue check below sees. (The other order can lose a wake-up.)
                for (int i = 0; i < ready; i++) {
                    if (epoll.data(i) == TimerStrategy.WAKE_UP) {
                        wakeUp.drain();
                    }
                }
                wakeUpPending.set(false);
                // Commands first, so that a timer queued while the loop slept can fire in this turn.
                applyCommands();
                long now = now();
                for (int i = 0; i < ready; i++) {
                    long data = epoll.data(i);
                    if (data != TimerStrategy.WAKE_UP) {
                        strategy.expire(data, now, expired);
                    }
                }
                fireExpired();
                sleepsUntil = strategy.beforeWait(now());
                // Do not sleep if a submitter that saw SOON (and so did not signal) queued something,
                // or if close() was called: its signal may have been drained above, in this turn.
                ready = epoll.wait(commands.get() == null && !closed.get() ? -1 : 0);
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.log(Level.ERROR, "timer loop " + name() + " stopped; its timers are cancelled", e);
        } finally {
            shutDown();
        }
    }

    private void applyCommands() {
        LoopTimer timer = takeCommands();
        while (timer != null) {
            // Read the link first: once reconciled, the timer may be pushed again by another thread.
            LoopTimer next = timer.nextCommand;
            timer.nextCommand = null;
            reconcile(timer, true);
            timer = next;
        }
    }

    /**
     * Makes the strategy agree with the timer: take out what is no longer live (and close what the
     * timer held), place what is live under a generation the loop has not placed yet, put a
     * periodic timer back after it fired. {@code dequeued}: the timer was just taken off the
     * command stack, so it may be queued again; after a firing it may still be on the stack, and
     * must stay marked so that no thread pushes it twice (the stack's link is in the timer).
     */
    private void reconcile(LoopTimer timer, boolean dequeued) {
        boolean live;
        int generation;
        long deadline;
        long period;
        AutoCloseable resource;
        synchronized (timer) {
            if (dequeued) {
                timer.queued = false;
            }
            live = timer.isActive();
            generation = timer.generation;
            deadline = timer.deadline;
            period = timer.period;
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
            timer.loopPeriod = period;
            strategy.place(timer, resource);
        } else if (!strategy.holds(timer)) {
            strategy.place(timer, resource);
        }
    }

    private void fireExpired() {
        for (int i = 0; i < expired.size(); i++) {
            fire(expired.timer(i), expired.count(i));
        }
        expired.clear();
    }

    private void fire(LoopTimer timer, long count) {
        int generation;
        boolean periodic;
        synchronized (timer) {
            if (timer.state != LoopTimer.ACTIVE || timer.generation != timer.placedGeneration) {
                return; // cancelled or rescheduled since it was placed; its command is queued
            }
            generation = timer.generation;
            periodic = timer.loopPeriod != 0;
            if (periodic) {
                timer.state = LoopTimer.RUNNING;
                timer.due += count * timer.loopPeriod;
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
            LOG.log(Level.WARNING, "callback of " + timer + " on " + name() + " threw; the loop goes on", e);
        }
        if (periodic) {
            synchronized (timer) {
                if (timer.state == LoopTimer.RUNNING && timer.generation == generation) {
                    timer.state = LoopTimer.ACTIVE;
                }
            }
        }
        reconcile(timer, false);
    }

    private void shutDown() {
        closed.set(true);
        List<LoopTimer> held = new ArrayList<>();
        for (int i = 0; i < expired.size(); i++) {
            held.add(expired.timer(i)); // only when the loop failed in the middle of a turn
        }
        expired.clear();
        strategy.forEach(held::add);
        for (LoopTimer timer : held) {
            strategy.remove(timer);
            retire(timer);
        }
        for (LoopTimer timer = takeCommands(); timer != null; ) {
            LoopTimer next = timer.nextCommand;
            timer.nextCommand = null;
            retire(timer);
            timer = next;
        }
        strategy.close();
        epoll.close();
        wakeUp.close();
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
