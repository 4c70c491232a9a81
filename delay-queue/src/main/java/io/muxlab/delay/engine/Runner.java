package io.muxlab.delay.engine;

import io.muxlab.delay.QueueOptions;
import io.muxlab.delay.Task;
import io.muxlab.delay.TaskHandler;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of a started queue, and nothing else: one ticker that moves the wheel to the clock's
 * tick and wakes workers for due tasks, a fixed pool of workers that run handlers, and a maintenance
 * thread for the once-a-second chores (compaction, the lock file), so a long compaction delays
 * neither the ticks nor the workers' wake-ups beyond the lock it holds. Due tasks wait on the wheel's
 * due list until a worker is free, so a slow handler slows the queue down instead of growing a
 * backlog of threads. State changes are {@link TaskMachine}'s and {@link TaskLog}'s.
 *
 * <p>The ticker is tickless, as {@code timerfd-timer}'s wheel is: it sleeps until the next tick
 * that holds a task, or until a task goes in before it ({@link TaskMachine#awaitNextTick}), and
 * while the wheel is empty it does not wake at all. On the system clock a sleep lasts at most
 * {@value #MAX_SLEEP_MILLIS} ms, so a wall-clock step forward is noticed within a second; any other
 * clock (a test's, moved by hand) is read again every tick, as before.
 */
public final class Runner {
    private static final long MAINTENANCE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_SLEEP_MILLIS = 1_000;

    private final TaskMachine machine;
    private final TaskLog taskLog;
    private final QueueOptions options;
    private final Map<String, TaskHandler> handlers;
    private final Runnable maintenance;
    private final List<Thread> threads = new ArrayList<>();
    /** The longest the ticker sleeps while the wheel holds tasks (see the class comment). */
    private final long maxSleepMillis;

    public Runner(TaskMachine machine, TaskLog taskLog, QueueOptions options, Map<String, TaskHandler> handlers, Runnable maintenance) {
        this.machine = machine;
        this.taskLog = taskLog;
        this.options = options;
        this.handlers = handlers;
        this.maintenance = maintenance;
        this.maxSleepMillis = options.clock().equals(InstantSource.system()) ? MAX_SLEEP_MILLIS : options.tick().toMillis();
    }

    public void start() {
        threads.add(new Thread(this::tickLoop, "delay-queue-ticker"));
        threads.add(new Thread(this::maintenanceLoop, "delay-queue-maintenance"));
        for (int i = 0; i < options.workers(); i++) {
            threads.add(new Thread(this::workLoop, "delay-queue-worker-" + i));
        }
        threads.forEach(Thread::start);
    }

    /**
     * Stops the ticker and lets each worker finish the task it holds (done record included), waiting
     * at most {@code grace} (null: for ever). Returns how many threads were still running then.
     */
    public int stop(Duration grace) {
        machine.lock.lock();
        try {
            machine.stop();
        } finally {
            machine.lock.unlock();
        }
        threads.forEach(LockSupport::unpark);
        long deadline = grace == null ? Long.MAX_VALUE : System.nanoTime() + grace.toNanos();
        boolean interrupted = false;
        int left = 0;
        for (Thread t : threads) {
            while (t.isAlive()) {
                long wait = grace == null ? 0 : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (grace != null && wait <= 0) {
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

    private void tickLoop() {
        machine.lock.lock();
        try {
            while (!machine.stopping()) {
                int due = machine.advance(options.clock().millis());
                for (int i = 0; i < Math.min(due, options.workers()); i++) {
                    machine.workAvailable.signal();
                }
                machine.awaitNextTick(maxSleepMillis);
            }
        } finally {
            machine.lock.unlock();
        }
    }

    private void maintenanceLoop() {
        while (!stopping()) {
            LockSupport.parkNanos(MAINTENANCE_NANOS);
            if (!stopping()) {
                maintenance.run();
            }
        }
    }

    private void workLoop() {
        try {
            while (true) {
                Task task;
                machine.lock.lock();
                try {
                    task = machine.take();
                } finally {
                    machine.lock.unlock();
                }
                if (task == null) {
                    return;
                }
                run(task);
            }
        } catch (UncheckedIOException e) {
            taskLog.fail(e);
        } catch (IllegalStateException e) {
            // The queue was closed without waiting for this handler (see DelayQueue.close(Duration)):
            // its task stays unacknowledged, to run again.
            if (!stopping()) {
                throw e;
            }
        }
    }

    private void run(Task task) {
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
            taskLog.finished(task);
        } else {
            taskLog.failed(task, error);
        }
    }

    private boolean stopping() {
        machine.lock.lock();
        try {
            return machine.stopping();
        } finally {
            machine.lock.unlock();
        }
    }
}
