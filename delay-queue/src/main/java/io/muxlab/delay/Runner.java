package io.muxlab.delay;

import io.muxlab.delay.log.IoErrors;
import io.muxlab.delay.log.LogRecord;
import io.muxlab.delay.log.LogWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of a started queue: one ticker that moves the wheel to the clock's tick and hands
 * due tasks to the workers, and a fixed pool of workers that run handlers. Nothing else is
 * queued: due tasks wait on the wheel's due list (part of the task table), in order, until a
 * worker is free, so a slow handler slows the queue down instead of growing a backlog of threads.
 *
 * <p>The ticker sleeps in real time until the clock's next tick boundary (at most one tick), so a
 * test clock that is moved by hand is noticed within one real tick.
 */
final class Runner {
    private final QueueState state;
    private final LogWriter log;
    private final QueueOptions options;
    private final Map<String, TaskHandler> handlers;
    private final Runnable maintenance;
    private final List<Thread> threads = new ArrayList<>();

    Runner(QueueState state, LogWriter log, QueueOptions options, Map<String, TaskHandler> handlers, Runnable maintenance) {
        this.state = state;
        this.log = log;
        this.options = options;
        this.handlers = handlers;
        this.maintenance = maintenance;
    }

    void start() {
        threads.add(new Thread(this::tickLoop, "delay-queue-ticker"));
        for (int i = 0; i < options.workers(); i++) {
            threads.add(new Thread(this::workLoop, "delay-queue-worker-" + i));
        }
        threads.forEach(Thread::start);
    }

    /**
     * Stops the ticker and lets each worker finish the task it holds (done record included), waiting
     * at most {@code grace} (null: for ever). Returns how many threads were still running then.
     */
    int stop(Duration grace) {
        state.lock.lock();
        try {
            state.stopping = true;
            state.workAvailable.signalAll();
        } finally {
            state.lock.unlock();
        }
        threads.forEach(LockSupport::unpark);
        long deadline = grace == null ? Long.MAX_VALUE : System.nanoTime() + grace.toNanos();
        boolean interrupted = false;
        int left = 0;
        for (Thread t : threads) {
            while (t.isAlive()) {
                long wait = deadline == Long.MAX_VALUE ? 0 : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (deadline != Long.MAX_VALUE && wait <= 0) {
                    left++;
                    break;
                }
                try {
                    t.join(wait);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return left;
    }

    /** The log failed under us: say so once, and stop taking tasks. Running handlers finish unacknowledged. */
    void fail(UncheckedIOException e) {
        QueueFailedException failure = new QueueFailedException(e);
        state.lock.lock();
        try {
            if (state.failure != null) {
                return;
            }
            state.fail(failure);
        } finally {
            state.lock.unlock();
        }
        options.warnings().accept(failure.getMessage());
    }

    private void tickLoop() {
        long tickMillis = state.tickMillis;
        int sinceMaintenance = 0;
        while (true) {
            long now = options.clock().millis();
            state.lock.lock();
            try {
                if (state.stopping) {
                    return;
                }
                state.wheel.advanceTo(Math.floorDiv(now, tickMillis));
                int due = state.wheel.dueCount();
                for (int i = 0; i < Math.min(due, options.workers()); i++) {
                    state.workAvailable.signal();
                }
            } finally {
                state.lock.unlock();
            }
            if (++sinceMaintenance * tickMillis >= 1000) {
                sinceMaintenance = 0;
                maintenance.run();
            }
            long wait = tickMillis - Math.floorMod(options.clock().millis(), tickMillis);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.max(1, Math.min(wait, tickMillis))));
        }
    }

    private void workLoop() {
        try {
            while (true) {
                int slot;
                Task task;
                state.lock.lock();
                try {
                    while (!state.stopping && state.wheel.dueCount() == 0) {
                        state.workAvailable.awaitUninterruptibly();
                    }
                    if (state.stopping) {
                        return;
                    }
                    slot = state.wheel.pollDue();
                    TaskTable t = state.table;
                    t.setState(slot, TaskTable.RUNNING);
                    state.running++;
                    task = new Task(t.id(slot), t.name(slot), t.payload(slot), t.attempts(slot) + 1);
                }
                finally {
                    state.lock.unlock();
                }
                run(slot, task);
            }
        } catch (UncheckedIOException e) {
            fail(e);
        } catch (IllegalStateException e) {
            // The queue was closed without waiting for this handler (see DelayQueue.close(Duration)):
            // its task stays unacknowledged, to run again.
            if (!stopping()) {
                throw e;
            }
        }
    }

    private void run(int slot, Task task) {
        Throwable error = null;
        TaskHandler handler = handlers.get(task.name());
        if (handler == null) {
            error = new IllegalStateException("no handler registered for '" + task.name() + "'");
        } else {
            try {
                handler.handle(task);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                // An Error from a handler (an assertion, a missing class) is its failure, not the
                // worker's: the task is retried or goes dead instead of staying "running" forever.
                error = e;
            }
        }
        if (error == null) {
            finished(slot, task);
        } else {
            failed(slot, task, error);
        }
    }

    private boolean stopping() {
        state.lock.lock();
        try {
            return state.stopping;
        } finally {
            state.lock.unlock();
        }
    }

    private static String describe(Throwable error) {
        return error instanceof IOException io ? error.getClass().getSimpleName() + ": " + IoErrors.describe(io) : error.toString();
    }

    private void finished(int slot, Task task) {
        state.lock.lock();
        try {
            state.table.setState(slot, TaskTable.FINISHING);
        } finally {
            state.lock.unlock();
        }
        // At-least-once: the done record goes to the log only after the handler returned.
        log.appendDurable(LogRecord.done(task.id()));
        state.lock.lock();
        try {
            state.running--;
            state.executed++;
            state.free(slot);
        } finally {
            state.lock.unlock();
        }
    }

    private void failed(int slot, Task task, Throwable error) {
        int attempts = task.attempt();
        boolean dead = attempts >= options.maxAttempts();
        long due = options.clock().millis() + options.backoff(attempts).toMillis();
        options.warnings().accept("task " + task.id() + " (" + task.name() + ") attempt " + attempts + " of "
                + options.maxAttempts() + " failed: " + describe(error)
                + (dead ? "; now dead" : "; retry at " + Instant.ofEpochMilli(due)));
        log.appendDurable(dead ? LogRecord.dead(task.id(), attempts) : LogRecord.retry(task.id(), attempts, due));
        state.lock.lock();
        try {
            state.running--;
            state.failures++;
            state.table.setAttempts(slot, attempts);
            if (dead) {
                state.table.setState(slot, TaskTable.DEAD);
                state.dead++;
                state.changed.signalAll();
            } else {
                state.retried++;
                state.table.setDueMillis(slot, due);
                state.schedule(slot, options.clock().millis());
            }
        } finally {
            state.lock.unlock();
        }
    }
}
