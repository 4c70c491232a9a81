package io.muxlab.delay;

import io.muxlab.delay.engine.TaskLog;
import io.muxlab.delay.log.LogRecord;
import io.muxlab.delay.log.StagedSegment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Enqueues any number of tasks all at once or not at all: each {@link #add} writes its record to a
 * {@link StagedSegment} beside the log, and {@link #commit} makes the whole file the log's next
 * segment with one rename. A failure or a crash before that leaves the queue as it was.
 *
 * <pre>
 *   try (BulkEnqueue bulk = BulkEnqueue.open(dir, QueueOptions.defaults())) {
 *       for (...) bulk.add(new TaskRequest("email", bytes, Duration.ofMinutes(5)));
 *       long n = bulk.commit();     // durable, all of them, when it returns
 *   }
 * </pre>
 *
 * <p>Two ways in. {@link #open} owns the directory like an open {@link DelayQueue} (same lock) and
 * releases it on commit: memory does not grow with the number of tasks, since nothing is kept but
 * the file. {@link DelayQueue#bulk} adds to a queue that is open (and maybe running): its tasks join
 * that queue's state on commit, so their records are kept until then, and names must be registered
 * there. Through {@code open} they are not checked: whoever runs the queue registers them. One thread
 * per batch.
 */
public final class BulkEnqueue implements AutoCloseable {
    private final DelayQueue queue;
    private final StagedSegment staged;
    /** For a batch on an open queue: the records to apply on commit; null when the queue is ours to close. */
    private final List<LogRecord> records;
    private long count;

    private BulkEnqueue(DelayQueue queue, StagedSegment staged, List<LogRecord> records) {
        this.queue = queue;
        this.staged = staged;
        this.records = records;
    }

    public static BulkEnqueue open(Path dir, QueueOptions options) throws IOException {
        DelayQueue queue = DelayQueue.open(dir, options);
        try {
            return new BulkEnqueue(queue, queue.log().stage(dir), null);
        } catch (IOException | RuntimeException e) {
            queue.close();
            throw e;
        }
    }

    /** A batch for an open queue (see {@link DelayQueue#bulk}). */
    static BulkEnqueue on(DelayQueue queue) throws IOException {
        return new BulkEnqueue(queue, queue.log().stage(queue.directory()), new ArrayList<>());
    }

    /**
     * Adds a task to the batch and returns its id (valid once committed).
     *
     * @throws IllegalArgumentException a bad name, a negative delay or a payload too large; the batch goes on
     * @throws IOException the staged file could not be written; nothing of the batch will be enqueued
     */
    public long add(TaskRequest r) throws IOException {
        DelayQueue.check(r);
        if (records != null) {
            queue.checkRegistered(r.name());
        }
        long id = queue.takeId();
        long due = TaskLog.dueAt(queue.options().clock().millis(), r.delay());
        LogRecord record = LogRecord.add(id, due, 0, r.name(), r.payload().clone());
        staged.add(record);
        if (records != null) {
            records.add(record);
        }
        count++;
        return id;
    }

    /** Makes every added task durable at once (and, from {@link #open}, releases the queue); returns how many. */
    public long commit() throws IOException {
        if (records == null) {
            queue.log().commit(staged);
            close();
        } else {
            queue.commit(staged, records);
        }
        return count;
    }

    /** Without a commit, nothing added is enqueued; from {@link #open}, releases the queue. */
    @Override
    public void close() throws IOException {
        try {
            staged.close();
        } finally {
            if (records == null) {
                queue.close();
            }
        }
    }
}
