package io.muxlab.delay.engine;

import io.muxlab.delay.QueueFailedException;
import io.muxlab.delay.QueueOptions;
import io.muxlab.delay.Task;
import io.muxlab.delay.TaskRequest;
import io.muxlab.delay.log.Append;
import io.muxlab.delay.log.IoErrors;
import io.muxlab.delay.log.LogRecord;
import io.muxlab.delay.log.LogWriter;
import io.muxlab.delay.log.StagedSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The live operations, each the same three steps: build the record (under the machine's lock, in
 * the log's {@link Append#records} hook), make it durable ({@link LogWriter}), apply it
 * ({@link TaskMachine#apply}, in the {@link Append#durable} hook). Nothing here changes state any
 * other way, so what a live queue holds is what replaying its log gives.
 */
public final class TaskLog {
    private final TaskMachine machine;
    private final LogWriter log;
    private final QueueOptions options;

    public TaskLog(TaskMachine machine, LogWriter log, QueueOptions options) {
        this.machine = machine;
        this.log = log;
        this.options = options;
    }

    /** Enqueues checked requests; returns their ids, in request order, once durable. */
    public long[] enqueue(List<TaskRequest> requests) {
        long[] ids = new long[requests.size()];
        log.append(adding(requests, ids));
        return ids;
    }

    /** {@link #enqueue} without waiting: the future holds the ids once the tasks are durable. */
    public CompletableFuture<long[]> enqueueAsync(List<TaskRequest> requests) {
        long[] ids = new long[requests.size()];
        return log.appendAsync(adding(requests, ids)).thenApply(v -> ids);
    }

    /** The append of ADD records for {@code requests}, filling {@code ids} as it builds them. */
    private Append adding(List<TaskRequest> requests, long[] ids) {
        List<LogRecord> records = new ArrayList<>(ids.length);
        return new Append() {
            @Override
            public List<LogRecord> records() {
                checkOpen();
                long now = options.clock().millis();
                for (int i = 0; i < ids.length; i++) {
                    TaskRequest r = requests.get(i);
                    ids[i] = machine.takeId();
                    // A copy, so a caller reusing its array cannot change a task after it is durable.
                    records.add(LogRecord.add(ids[i], dueAt(now, r.delay()), 0, r.name(), r.payload().clone()));
                }
                return records;
            }

            @Override
            public void durable() {
                records.forEach(machine::apply);
            }
        };
    }

    /**
     * Makes a staged batch part of a running queue: the file is fsynced outside the lock, then, under
     * it, renamed into the log and its records applied, so no compaction falls between the two.
     */
    public void commit(StagedSegment staged, List<LogRecord> records) throws IOException {
        staged.finish();
        machine.lock.lock();
        try {
            checkOpen();
            log.commit(staged);
            records.forEach(machine::apply);
        } catch (UncheckedIOException e) {
            fail(e);
            throw e;
        } finally {
            machine.lock.unlock();
        }
    }

    /** Cancels a waiting or dead task; false if it is unknown, done, running, or being changed already. */
    public boolean cancel(long id) {
        return claimed(id, true, LogRecord.cancel(id));
    }

    /** Puts a dead task back, due now, attempts reset; false if it is not dead. */
    public boolean requeue(long id) {
        return claimed(id, false, LogRecord.requeue(id, options.clock().millis()));
    }

    /** A handler returned: at-least-once, so the done record goes to the log only now. */
    void finished(Task task) {
        LogRecord done = LogRecord.done(task.id());
        log.append(new Append() {
            @Override
            public List<LogRecord> records() {
                return List.of(done);
            }

            @Override
            public void durable() {
                machine.apply(done);
            }
        });
    }

    /** A handler threw: retried with backoff, or dead after the last attempt. */
    void failed(Task task, Throwable error) {
        int attempts = task.attempt();
        boolean dead = attempts >= options.maxAttempts();
        long due = options.clock().millis() + options.backoff(attempts).toMillis();
        options.warnings().accept("task " + task.id() + " (" + task.name() + ") attempt " + attempts + " of "
                + options.maxAttempts() + " failed: " + describe(error)
                + (dead ? "; now dead" : "; retry at " + Instant.ofEpochMilli(due)));
        LogRecord r = dead ? LogRecord.dead(task.id(), attempts) : LogRecord.retry(task.id(), attempts, due);
        log.append(new Append() {
            @Override
            public List<LogRecord> records() {
                return List.of(r);
            }

            @Override
            public void durable() {
                machine.apply(r);
            }
        });
    }

    /**
     * Rewrites the log as one base file holding only the tasks still in the queue. Producers and
     * workers wait meanwhile (the machine's lock is held).
     */
    public void compact() {
        machine.lock.lock();
        try {
            checkOpen();
            log.compact(machine::snapshot, options.compactionProbe());
            machine.compacted();
        } catch (UncheckedIOException e) {
            fail(e);
            throw e;
        } finally {
            machine.lock.unlock();
        }
    }

    /** The log failed under us: say so once, and stop taking tasks. Running handlers finish unacknowledged. */
    void fail(UncheckedIOException e) {
        QueueFailedException failure = new QueueFailedException(e);
        machine.lock.lock();
        try {
            if (machine.failure() != null) {
                return;
            }
            machine.fail(failure);
        } finally {
            machine.lock.unlock();
        }
        options.warnings().accept(failure.getMessage());
    }

    /** The due time of a delay from now, saturating instead of overflowing (a delay of centuries is "never", not the past). */
    public static long dueAt(long now, Duration delay) {
        long ms;
        try {
            ms = delay.toMillis();
        } catch (ArithmeticException e) {
            ms = Long.MAX_VALUE;
        }
        long due = now + ms;
        return due < now ? Long.MAX_VALUE / 2 : due;
    }

    private boolean claimed(long id, boolean pendingToo, LogRecord record) {
        boolean[] claimed = {false};
        log.append(new Append() {
            @Override
            public List<LogRecord> records() {
                checkOpen();
                claimed[0] = machine.claim(id, pendingToo, true);
                return claimed[0] ? List.of(record) : List.of();
            }

            @Override
            public void durable() {
                if (claimed[0]) {
                    machine.apply(record);
                }
            }

            @Override
            public void failed() {
                if (claimed[0]) {
                    machine.unclaim(id);
                }
            }
        });
        return claimed[0];
    }

    private void checkOpen() {
        if (machine.failure() != null) {
            throw machine.failure();
        }
        if (machine.stopping()) {
            throw new IllegalStateException("the queue is closed");
        }
    }

    private static String describe(Throwable error) {
        return error instanceof IOException io ? error.getClass().getSimpleName() + ": " + IoErrors.describe(io) : error.toString();
    }
}
