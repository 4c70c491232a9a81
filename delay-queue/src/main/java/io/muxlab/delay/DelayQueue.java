package io.muxlab.delay;

import io.muxlab.delay.engine.Runner;
import io.muxlab.delay.engine.TaskLog;
import io.muxlab.delay.engine.TaskMachine;
import io.muxlab.delay.log.DirectoryLock;
import io.muxlab.delay.log.IoErrors;
import io.muxlab.delay.log.LogRecord;
import io.muxlab.delay.log.LogRecovery;
import io.muxlab.delay.log.LogWriter;
import io.muxlab.delay.log.QueueDirectory;
import io.muxlab.delay.log.RecordCodec;
import io.muxlab.delay.log.StagedSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A durable delay queue on one directory: {@link #delay} a named task by a duration, and after
 * {@link #start} a pool of workers runs each task's handler once it is due, at least once, even
 * across {@code kill -9}.
 *
 * <pre>
 *   try (DelayQueue q = DelayQueue.open(dir, QueueOptions.defaults())) {
 *       q.register("email", task -&gt; send(task.payload()));
 *       long id = q.delay("email", bytes, Duration.ofMinutes(5));   // durable when it returns
 *       q.start();
 *       ...
 *   }
 * </pre>
 *
 * <p>A facade: the tasks and their lifecycle are the engine's {@link TaskMachine}, the live
 * operations {@link TaskLog}, the threads {@link Runner}. Threading: every method is safe from any
 * thread. {@code delay} blocks until its record is as durable as the fsync policy promises (with
 * {@code BATCH}, one fsync covers all concurrent callers). Handlers should be registered before
 * {@link #start}; start refuses to run if a recovered task names a handler nobody registered.
 */
public final class DelayQueue implements AutoCloseable {
    private final Path dir;
    private final QueueOptions options;
    private final DirectoryLock dirLock;
    private final TaskMachine machine;
    private final LogWriter log;
    private final TaskLog taskLog;
    private final Map<String, TaskHandler> handlers = new ConcurrentHashMap<>();
    private final Runner runner;
    private final long recoveryNanos;
    private volatile boolean started;
    private boolean closed;

    private DelayQueue(Path dir, QueueOptions options, DirectoryLock dirLock, TaskMachine machine, LogWriter log,
            long recoveryNanos) {
        this.dir = dir;
        this.options = options;
        this.dirLock = dirLock;
        this.machine = machine;
        this.log = log;
        this.recoveryNanos = recoveryNanos;
        this.taskLog = new TaskLog(machine, log, options);
        this.runner = new Runner(machine, taskLog, options, handlers, this::maintain);
    }

    /**
     * Opens (creating if needed) the queue in {@code dir}: takes the directory lock, replays the
     * log, and is ready to accept tasks. Workers start with {@link #start}.
     *
     * @throws io.muxlab.delay.log.QueueLockedException another process owns the directory
     * @throws io.muxlab.delay.log.NotAQueueException the directory holds files and no queue manifest
     * @throws io.muxlab.delay.log.CorruptLogException the log is damaged other than at its tail, or a segment is missing
     */
    public static DelayQueue open(Path dir, QueueOptions options) throws IOException {
        DirectoryLock lock = QueueDirectory.openForWriting(dir, options.warnings());
        try {
            long start = System.nanoTime();
            TaskMachine machine = new TaskMachine(options.slotsPerLevel(), options.tick().toMillis(), options.clock());
            LogRecovery.Result recovered;
            machine.lock.lock();
            try {
                recovered = LogRecovery.recover(dir, machine::apply, options.warnings());
                machine.recovered();
            } finally {
                machine.lock.unlock();
            }
            LogWriter writer = new LogWriter(dir, recovered, options.fsync(), options.segmentBytes(), machine.lock);
            return new DelayQueue(dir, options, lock, machine, writer, System.nanoTime() - start);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public Path directory() {
        return dir;
    }

    /** How long opening took to replay the log. */
    public Duration recoveryTime() {
        return Duration.ofNanos(recoveryNanos);
    }

    /** Names a handler; tasks enqueued under this name run it. */
    public void register(String name, TaskHandler handler) {
        checkName(name);
        handlers.put(name, handler);
    }

    /**
     * Enqueues a task to run {@code delay} from now (zero: as soon as a worker is free) and returns
     * its id once its add record is durable per the fsync policy. The payload is copied.
     *
     * @throws IllegalArgumentException no handler has this name, the delay is negative, or the payload is too large
     */
    public long delay(String name, byte[] payload, Duration delay) {
        return delayAll(List.of(new TaskRequest(name, payload, delay)))[0];
    }

    /** Enqueues several tasks with one wait for durability; ids in request order. */
    public long[] delayAll(List<TaskRequest> requests) {
        if (requests.isEmpty()) {
            return new long[0];
        }
        checkAll(requests);
        return taskLog.enqueue(requests);
    }

    /**
     * Enqueues without waiting: the future completes with the task's id once its record is durable
     * per the fsync policy (exceptionally if the log fails). A producer can keep many in flight, so
     * with {@code BATCH} one thread fills whole groups instead of parking once per task. Whatever is
     * chained to the future without an executor runs on the log's syncer thread: keep it short.
     *
     * @throws IllegalArgumentException as {@link #delay}, at once
     * @throws IllegalStateException the queue is closed, at once
     */
    public CompletableFuture<Long> delayAsync(String name, byte[] payload, Duration delay) {
        return delayAllAsync(List.of(new TaskRequest(name, payload, delay))).thenApply(ids -> ids[0]);
    }

    /** {@link #delayAll} without waiting: the future holds the ids, in request order, once all are durable. */
    public CompletableFuture<long[]> delayAllAsync(List<TaskRequest> requests) {
        if (requests.isEmpty()) {
            return CompletableFuture.completedFuture(new long[0]);
        }
        checkAll(requests);
        return taskLog.enqueueAsync(requests);
    }

    /**
     * A batch that joins this queue all at once or not at all when committed (see {@link BulkEnqueue});
     * the queue may be running meanwhile. Its handler names must be registered here.
     */
    public BulkEnqueue bulk() throws IOException {
        return BulkEnqueue.on(this);
    }

    /**
     * Cancels a task that is waiting (or dead). Returns false if the id is unknown, already done,
     * or running right now (a running task finishes; cancel it by making its handler a no-op).
     */
    public boolean cancel(long id) {
        return taskLog.cancel(id);
    }

    /** Puts a dead task back, due now, with its attempts reset. False if the id is not dead. */
    public boolean requeue(long id) {
        return taskLog.requeue(id);
    }

    /** Starts the ticker and the workers. */
    public void start() {
        machine.lock.lock();
        try {
            if (machine.stopping()) {
                throw new IllegalStateException("queue " + dir + " is closed");
            }
            if (started) {
                throw new IllegalStateException("queue already started");
            }
            Set<String> missing = new TreeSet<>(machine.names());
            missing.removeAll(handlers.keySet());
            if (!missing.isEmpty()) {
                throw new IllegalStateException("tasks in " + dir + " need handlers nobody registered: " + missing);
            }
            started = true;
        } finally {
            machine.lock.unlock();
        }
        runner.start();
    }

    /**
     * Waits until no task is pending or running (dead tasks do not count), or the timeout passes.
     * Returns whether the queue is idle.
     *
     * @throws QueueFailedException the queue stopped because its log failed
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return machine.awaitIdle(timeout.toNanos());
    }

    /**
     * A time before which no waiting task falls due (empty if none waits in the wheel): cheap, from the
     * wheel's occupancy bitmaps, and conservative (a task may be due a while after it).
     */
    public Optional<Instant> nothingDueBefore() {
        machine.lock.lock();
        try {
            long ms = machine.nothingDueBefore();
            return ms == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
        } finally {
            machine.lock.unlock();
        }
    }

    /** Pending tasks (waiting, due or running) by due time, then id. */
    public List<TaskInfo> pending() {
        return list(false);
    }

    /** Dead tasks by id. */
    public List<TaskInfo> dead() {
        return list(true);
    }

    public QueueStats stats() {
        long fsyncs = log.fsyncs();
        long bytes = log.logBytes();
        int files = log.logFiles();
        machine.lock.lock();
        try {
            return machine.stats(fsyncs, bytes, files);
        } finally {
            machine.lock.unlock();
        }
    }

    /**
     * Rewrites the log as one base file holding only the tasks still in the queue, then deletes the
     * files it replaces (crash-safe; see {@code SegmentLog}). Producers and workers wait meanwhile.
     */
    public void compact() {
        taskLog.compact();
    }

    /** Stops the workers (each finishes the task it holds), makes the log durable and releases the directory. */
    @Override
    public void close() throws IOException {
        close(null);
    }

    /**
     * Like {@link #close()}, but waits at most {@code grace} for running handlers. A handler still
     * running then (blocked on a stalled pipe, say) is abandoned: its task is not acknowledged, so it
     * stays pending in the log and runs again after the next open (at-least-once, as after a crash).
     * Returns how many were abandoned.
     */
    public int close(Duration grace) throws IOException {
        synchronized (this) {
            if (closed) {
                return 0;
            }
            closed = true;
        }
        int abandoned = started ? runner.stop(grace) : 0;
        machine.lock.lock();
        try {
            if (!machine.stopping()) {
                machine.stop();
            }
        } finally {
            machine.lock.unlock();
        }
        try {
            log.close();
        } finally {
            dirLock.close();
        }
        return abandoned;
    }

    /** Hands out the next task id: {@link BulkEnqueue} numbers its tasks as if it had enqueued them here. */
    long takeId() {
        machine.lock.lock();
        try {
            return machine.takeId();
        } finally {
            machine.lock.unlock();
        }
    }

    LogWriter log() {
        return log;
    }

    void commit(StagedSegment staged, List<LogRecord> records) throws IOException {
        taskLog.commit(staged, records);
    }

    void checkRegistered(String name) {
        if (!handlers.containsKey(name)) {
            throw new IllegalArgumentException("no handler registered for task name '" + name + "'");
        }
    }

    QueueOptions options() {
        return options;
    }

    private void checkAll(List<TaskRequest> requests) {
        for (TaskRequest r : requests) {
            checkRegistered(r.name());
            check(r);
        }
    }

    /** What every enqueue checks, whatever the path: a delay that is not negative, a payload the log can frame. */
    static void check(TaskRequest r) {
        checkName(r.name());
        if (r.delay().isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + r.delay());
        }
        int max = RecordCodec.maxPayloadBytes(r.name().getBytes(StandardCharsets.UTF_8).length);
        if (r.payload().length > max) {
            throw new IllegalArgumentException("payload of " + r.payload().length + " bytes is larger than " + max);
        }
    }

    /** The maintenance thread's chores: put back a deleted lock file, compact when finished tasks dominate the log. */
    private void maintain() {
        try {
            if (dirLock.heal()) {
                options.warnings().accept("the lock file of " + dir + " was deleted or changed; put back");
            }
        } catch (IOException e) {
            options.warnings().accept("cannot put back the lock file of " + dir + ": " + IoErrors.describe(e));
        }
        long bytes = log.logBytes();
        long live;
        machine.lock.lock();
        try {
            live = machine.liveBytes();
        } finally {
            machine.lock.unlock();
        }
        if (bytes > options.compactAtBytes() && live * 2 < bytes) {
            try {
                compact();
            } catch (UncheckedIOException e) {
                // TaskLog.compact has stopped the queue and said why.
            } catch (IllegalStateException e) {
                options.warnings().accept("compaction skipped: " + e.getMessage());
            }
        }
    }

    private List<TaskInfo> list(boolean deadOnes) {
        machine.lock.lock();
        try {
            return machine.list(deadOnes);
        } finally {
            machine.lock.unlock();
        }
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > 255 || name.contains(",")) {
            throw new IllegalArgumentException("a task name is 1..255 bytes without commas, not '" + name + "'");
        }
    }
}
