package io.muxlab.delay;

import io.muxlab.delay.engine.TaskLog;
import io.muxlab.delay.log.LogRecord;
import io.muxlab.delay.log.StagedSegment;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Enqueues any number of tasks all at once or not at all, in memory that does not grow with their
 * number: each {@link #add} writes its record to a {@link StagedSegment} beside the log, and
 * {@link #commit} makes the whole file the log's next segment with one rename. A failure or a crash
 * before that leaves the queue as it was.
 *
 * <pre>
 *   try (BulkEnqueue bulk = BulkEnqueue.open(dir, QueueOptions.defaults())) {
 *       for (...) bulk.add(new TaskRequest("email", bytes, Duration.ofMinutes(5)));
 *       long n = bulk.commit();     // durable, all of them, when it returns
 *   }
 * </pre>
 *
 * <p>It owns the queue directory like an open {@link DelayQueue} (same lock), and like
 * {@code DelayQueue.delayAll} it does not check handler names: whoever runs the queue must register
 * them. One thread; not for a queue that another process is running.
 */
public final class BulkEnqueue implements AutoCloseable {
    private final DelayQueue queue;
    private final StagedSegment staged;
    private long count;

    private BulkEnqueue(DelayQueue queue, StagedSegment staged) {
        this.queue = queue;
        this.staged = staged;
    }

    public static BulkEnqueue open(Path dir, QueueOptions options) throws IOException {
        DelayQueue queue = DelayQueue.open(dir, options);
        try {
            return new BulkEnqueue(queue, queue.log().stage(dir));
        } catch (IOException | RuntimeException e) {
            queue.close();
            throw e;
        }
    }

    /**
     * Adds a task to the batch and returns its id (valid once committed).
     *
     * @throws IllegalArgumentException a bad name, a negative delay or a payload too large; the batch goes on
     * @throws IOException the staged file could not be written; nothing of the batch will be enqueued
     */
    public long add(TaskRequest r) throws IOException {
        DelayQueue.check(r);
        long id = queue.takeId();
        long due = TaskLog.dueAt(queue.options().clock().millis(), r.delay());
        staged.add(LogRecord.add(id, due, 0, r.name(), r.payload()));
        count++;
        return id;
    }

    /** Makes every added task durable at once and releases the queue; returns how many. */
    public long commit() throws IOException {
        queue.log().commit(staged);
        close();
        return count;
    }

    /** Releases the queue; without a commit, nothing added is enqueued. */
    @Override
    public void close() throws IOException {
        try {
            staged.close();
        } finally {
            queue.close();
        }
    }
}
