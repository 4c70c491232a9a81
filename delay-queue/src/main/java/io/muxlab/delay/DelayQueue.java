package io.muxlab.delay;

import io.muxlab.delay.log.Append;
import io.muxlab.delay.log.DirectoryLock;
import io.muxlab.delay.log.IoErrors;
import io.muxlab.delay.log.LogRecord;
import io.muxlab.delay.log.LogRecovery;
import io.muxlab.delay.log.LogWriter;
import io.muxlab.delay.log.QueueDirectory;
import io.muxlab.delay.log.RecordCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
 * <p>Threading: every method is safe from any thread. {@code delay} blocks until its record is as
 * durable as the fsync policy promises (with {@code BATCH}, one fsync covers all concurrent callers).
 * Handlers should be registered before {@link #start}; start refuses to run if a recovered task
 * names a handler nobody registered.
 */
public final class DelayQueue implements AutoCloseable {
    private final Path dir;
    private final QueueOptions options;
    private final DirectoryLock dirLock;
    private final LogWriter log;
    private final QueueState state;
    private final Map<String, TaskHandler> handlers = new ConcurrentHashMap<>();
    private final Runner runner;
    private final long recoveryNanos;
    /** Set under the state lock by start; read by close. */
    private volatile boolean started;
    private boolean closed;

    private DelayQueue(Path dir, QueueOptions options, DirectoryLock dirLock, LogWriter log, QueueState state, long recoveryNanos) {
        this.dir = dir;
        this.options = options;
        this.dirLock = dirLock;
        this.log = log;
        this.state = state;
        this.recoveryNanos = recoveryNanos;
        this.runner = new Runner(state, log, options, handlers, this::maintain);
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
            long now = options.clock().millis();
            QueueState state = new QueueState(options.slotsPerLevel(), options.tick().toMillis(), now);
            LogRecovery.Result recovered;
            state.lock.lock();
            try {
                recovered = LogRecovery.recover(dir, new Replayer(state, now), options.warnings());
                state.orderOverdue();
            } finally {
                state.lock.unlock();
            }
            LogWriter writer = new LogWriter(dir, recovered, options.fsync(), options.segmentBytes(), state.lock);
            return new DelayQueue(dir, options, lock, writer, state, System.nanoTime() - start);
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
        for (TaskRequest r : requests) {
            if (!handlers.containsKey(r.name())) {
                throw new IllegalArgumentException("no handler registered for task name '" + r.name() + "'");
            }
            check(r);
        }
        long[] ids = new long[requests.size()];
        int[] slots = new int[requests.size()];
        // The hooks run under the state lock, with BATCH on the syncer thread for a whole group at
        // once: ids follow log order, and no producer queues on the state lock per call.
        log.append(new Append() {
            @Override
            public List<LogRecord> records() {
                checkOpen();
                long now = options.clock().millis();
                List<LogRecord> records = new ArrayList<>(ids.length);
                for (int i = 0; i < ids.length; i++) {
                    TaskRequest r = requests.get(i);
                    long due = saturatedAdd(now, r.delay());
                    // A copy, so a caller reusing its array cannot change a task after it is durable.
                    byte[] payload = r.payload().clone();
                    ids[i] = state.nextId++;
                    slots[i] = state.allocate(ids[i], due, 0, r.name(), payload, TaskTable.ENQUEUING);
                    records.add(LogRecord.add(ids[i], due, 0, r.name(), payload));
                }
                return records;
            }

            @Override
            public void durable() {
                long at = options.clock().millis();
                for (int slot : slots) {
                    state.schedule(slot, at);
                }
                state.enqueued += ids.length;
            }

            @Override
            public void failed() {
                for (int slot : slots) {
                    state.free(slot);
                }
            }
        });
        return ids;
    }

    /**
     * Cancels a task that is waiting (or dead). Returns false if the id is unknown, already done,
     * or running right now (a running task finishes; cancel it by making its handler a no-op).
     */
    public boolean cancel(long id) {
        int slot;
        boolean wasDead;
        state.lock.lock();
        try {
            slot = state.table.slotOf(id);
            if (slot < 0) {
                return false;
            }
            byte s = state.table.state(slot);
            if (s != TaskTable.PENDING && s != TaskTable.DEAD) {
                return false;
            }
            wasDead = s == TaskTable.DEAD;
            state.wheel.remove(slot);
            state.table.setState(slot, TaskTable.CANCELLING);
        } finally {
            state.lock.unlock();
        }
        log.appendDurable(LogRecord.cancel(id));
        state.lock.lock();
        try {
            if (wasDead) {
                state.dead--;
            }
            state.cancelled++;
            state.free(slot);
        } finally {
            state.lock.unlock();
        }
        return true;
    }

    /** Puts a dead task back, due now, with its attempts reset. False if the id is not dead. */
    public boolean requeue(long id) {
        long now = options.clock().millis();
        int slot;
        state.lock.lock();
        try {
            slot = state.table.slotOf(id);
            if (slot < 0 || state.table.state(slot) != TaskTable.DEAD) {
                return false;
            }
            state.table.setState(slot, TaskTable.ENQUEUING);
            state.table.setAttempts(slot, 0);
            state.table.setDueMillis(slot, now);
            state.dead--;
        } finally {
            state.lock.unlock();
        }
        log.appendDurable(LogRecord.requeue(id, now));
        state.lock.lock();
        try {
            state.requeued++;
            state.schedule(slot, options.clock().millis());
        } finally {
            state.lock.unlock();
        }
        return true;
    }

    /** Hands out the next task id: {@link BulkEnqueue} numbers its tasks as if it had enqueued them here. */
    long takeId() {
        state.lock.lock();
        try {
            checkOpen();
            return state.nextId++;
        } finally {
            state.lock.unlock();
        }
    }

    LogWriter log() {
        return log;
    }

    QueueOptions options() {
        return options;
    }

    /** Starts the ticker and the workers. */
    public void start() {
        state.lock.lock();
        try {
            checkOpen();
            if (started) {
                throw new IllegalStateException("queue already started");
            }
            TreeSet<String> missing = new TreeSet<>();
            for (int slot = 0; slot < state.table.capacity(); slot++) {
                if (state.table.state(slot) != TaskTable.FREE && !handlers.containsKey(state.table.name(slot))) {
                    missing.add(state.table.name(slot));
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("tasks in " + dir + " need handlers nobody registered: " + missing);
            }
            started = true;
        } finally {
            state.lock.unlock();
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
        long deadline = System.nanoTime() + timeout.toNanos();
        state.lock.lock();
        try {
            while (true) {
                if (state.failure != null) {
                    throw state.failure;
                }
                if (state.pending() == 0) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                state.changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            }
        } finally {
            state.lock.unlock();
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
        state.lock.lock();
        try {
            return state.stats(fsyncs, bytes, files);
        } finally {
            state.lock.unlock();
        }
    }

    /**
     * Rewrites the log as one base file holding only the tasks still in the queue, then deletes the
     * files it replaces (crash-safe; see {@code SegmentLog}). Producers and workers wait meanwhile.
     */
    public void compact() {
        state.lock.lock();
        try {
            checkOpen();
            long[] ids = new long[state.table.count()];
            int n = 0;
            for (int slot = 0; slot < state.table.capacity(); slot++) {
                byte s = state.table.state(slot);
                if (s == TaskTable.PENDING || s == TaskTable.RUNNING || s == TaskTable.DEAD || s == TaskTable.ENQUEUING) {
                    ids[n++] = state.table.id(slot);
                }
            }
            long[] live = Arrays.copyOf(ids, n);
            // Enqueue order, so tasks due in the same tick keep it after the next restart.
            Arrays.sort(live);
            TaskTable t = state.table;
            log.compact(out -> {
                out.accept(LogRecord.idFloor(state.nextId));
                for (long id : live) {
                    int slot = t.slotOf(id);
                    out.accept(LogRecord.add(id, t.dueMillis(slot), t.attempts(slot), t.name(slot), t.payload(slot)));
                    if (t.state(slot) == TaskTable.DEAD) {
                        out.accept(LogRecord.dead(id, t.attempts(slot)));
                    }
                }
            }, options.compactionProbe());
            state.compactions++;
        } finally {
            state.lock.unlock();
        }
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
        state.lock.lock();
        try {
            state.stopping = true;
        } finally {
            state.lock.unlock();
        }
        try {
            log.close();
        } finally {
            dirLock.close();
        }
        return abandoned;
    }

    /** The ticker's once-a-second chores: put back a deleted lock file, compact when finished tasks dominate the log. */
    private void maintain() {
        try {
            if (dirLock.heal()) {
                options.warnings().accept("the lock file of " + dir + " was deleted or changed; put back");
            }
        } catch (IOException e) {
            options.warnings().accept("cannot put back the lock file of " + dir + ": " + IoErrors.describe(e));
        }
        compactIfWorthIt();
    }

    private void compactIfWorthIt() {
        long bytes = log.logBytes();
        long live;
        state.lock.lock();
        try {
            live = state.liveBytes;
        } finally {
            state.lock.unlock();
        }
        if (bytes > options.compactAtBytes() && live * 2 < bytes) {
            try {
                compact();
            } catch (UncheckedIOException e) {
                runner.fail(e);
            } catch (IllegalStateException e) {
                options.warnings().accept("compaction skipped: " + e.getMessage());
            }
        }
    }

    private List<TaskInfo> list(boolean deadOnes) {
        state.lock.lock();
        try {
            return state.list(deadOnes);
        } finally {
            state.lock.unlock();
        }
    }

    private void checkOpen() {
        if (state.failure != null) {
            throw state.failure;
        }
        if (state.stopping) {
            throw new IllegalStateException("queue " + dir + " is closed");
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

    private static void checkName(String name) {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > 255 || name.contains(",")) {
            throw new IllegalArgumentException("a task name is 1..255 bytes without commas, not '" + name + "'");
        }
    }

    static long saturatedAdd(long now, Duration delay) {
        long ms;
        try {
            ms = delay.toMillis();
        } catch (ArithmeticException e) {
            ms = Long.MAX_VALUE;
        }
        long due = now + ms;
        return due < now ? Long.MAX_VALUE / 2 : due;
    }
}
