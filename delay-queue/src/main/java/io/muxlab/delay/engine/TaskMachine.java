package io.muxlab.delay.engine;

import io.muxlab.core.timer.TimingWheel;
import io.muxlab.delay.QueueFailedException;
import io.muxlab.delay.QueueStats;
import io.muxlab.delay.Task;
import io.muxlab.delay.TaskInfo;
import io.muxlab.delay.log.LogRecord;
import io.muxlab.delay.log.RecordCodec;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue's tasks and the one place their lifecycle is written: the task table, the wheel, the
 * counters and the lock that guards them. Every durable change is a {@link LogRecord}, and
 * {@link #apply} is the only code that turns a record into state, the same way for recovery (records
 * read from the log) and for live operations ({@link TaskLog}: build the record, make it durable,
 * apply it). Replay equals live by construction.
 * <pre>
 *   ADD      -> PENDING (in the wheel; on the due list once its tick is reached)
 *   PENDING  -> RUNNING     take(): a worker holds it (not logged: a crash makes it PENDING again)
 *   RUNNING  -> freed       DONE
 *   RUNNING  -> PENDING     RETRY (attempts, new due time)
 *   RUNNING  -> DEAD        DEAD (attempts)
 *   PENDING | DEAD -> freed CANCEL
 *   DEAD     -> PENDING     REQUEUE (attempts 0, due now)
 * </pre>
 * While a live cancel or requeue writes its record, the task is <em>claimed</em>: out of the wheel and
 * out of reach of other operations, so what the record says is still true when it is applied.
 * Threading: every method but {@link #awaitIdle} is called with {@link #lock} held (it is also the
 * log's group lock, so the log's hooks run under it); the conditions are its.
 */
public final class TaskMachine {
    public final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the due list gains tasks or the queue stops: workers wait on it. */
    final Condition workAvailable = lock.newCondition();
    /** Signalled when a task leaves the pending set or the queue stops, so {@code awaitIdle} re-checks. */
    final Condition changed = lock.newCondition();
    /** Signalled when a task goes into the wheel before the tick the ticker sleeps until, or the queue stops. */
    private final Condition earlierTask = lock.newCondition();
    private final TaskTable table = new TaskTable();
    private final TimingWheel wheel;
    private final long tickMillis;
    private final InstantSource clock;

    /** Live log bytes: the ADD frames of every task still in the table (compaction's yardstick). */
    private long liveBytes;
    private long dead;
    private long running;
    private long nextId = 1;
    /** Counted by apply since open (reset after recovery): what QueueStats calls since open. */
    private long enqueued;
    private long executed;
    private long failures;
    private long retried;
    private long cancelled;
    private long requeued;
    private long compactions;
    private boolean stopping;
    /** While the ticker sleeps: the tick it sleeps until (Long.MAX_VALUE: until a task arrives). */
    private boolean tickerAsleep;
    private long tickerWakesAt;
    /** Why the queue stopped by itself (its log failed), or null: every later call reports it. */
    private QueueFailedException failure;

    public TaskMachine(int slotsPerLevel, long tickMillis, InstantSource clock) {
        this.tickMillis = tickMillis;
        this.clock = clock;
        this.wheel = new TimingWheel(slotsPerLevel, Math.floorDiv(clock.millis(), tickMillis));
    }

    /** Turns one durable record into state; the same call for recovery and for a live operation. */
    public void apply(LogRecord r) {
        if (r.kind() == LogRecord.Kind.ID_FLOOR) {
            nextId = Math.max(nextId, r.id());
            return;
        }
        nextId = Math.max(nextId, r.id() + 1);
        int slot = table.slotOf(r.id());
        if (r.kind() == LogRecord.Kind.ADD) {
            // A second ADD for a held id is a compaction's copy followed by the task's own ADD.
            if (slot < 0) {
                slot = table.allocate(r.id(), r.dueMillis(), r.attempts(), r.name(), r.payload());
                wheel.ensureCapacity(table.capacity());
                liveBytes += frameBytes(slot);
                enqueued++;
                schedule(slot);
            }
            return;
        }
        // After a compaction, the record of a task the base left out (it was finishing) can follow it.
        if (slot < 0) {
            return;
        }
        byte before = table.state(slot);
        wheel.remove(slot);
        table.setClaimed(slot, false);
        if (before == TaskTable.RUNNING) {
            running--;
        }
        if (before == TaskTable.DEAD) {
            dead--;
        }
        switch (r.kind()) {
            case DONE -> {
                executed++;
                free(slot);
            }
            case CANCEL -> {
                cancelled++;
                free(slot);
            }
            case RETRY -> {
                failures++;
                retried++;
                table.setAttempts(slot, r.attempts());
                table.setDueMillis(slot, r.dueMillis());
                schedule(slot);
            }
            case DEAD -> {
                failures++;
                dead++;
                table.setAttempts(slot, r.attempts());
                table.setState(slot, TaskTable.DEAD);
                changed.signalAll();
            }
            case REQUEUE -> {
                requeued++;
                table.setAttempts(slot, 0);
                table.setDueMillis(slot, r.dueMillis());
                schedule(slot);
            }
            default -> throw new IllegalStateException("unexpected record " + r.kind());
        }
    }

    /**
     * After replay: overdue tasks sit on the due list in log order; put them in due order (ties by
     * id, which is enqueue order), as if the queue had never stopped. Counters start from zero.
     */
    public void recovered() {
        int n = wheel.dueCount();
        Integer[] slots = new Integer[n];
        for (int i = 0; i < n; i++) {
            slots[i] = wheel.pollDue();
        }
        Arrays.sort(slots, Comparator.<Integer>comparingLong(table::dueMillis).thenComparingLong(table::id));
        for (int slot : slots) {
            wheel.add(slot, 0);
        }
        enqueued = executed = failures = retried = cancelled = requeued = 0;
    }

    /** The next id; ids follow log order because the log's group hook calls this under the lock. */
    public long takeId() {
        return nextId++;
    }

    /**
     * Claims a task in one of the given states for an operation whose record is about to be written:
     * false if it is unknown, in another state (running, say), or claimed already.
     */
    boolean claim(long id, boolean pendingToo, boolean deadToo) {
        int slot = table.slotOf(id);
        if (slot < 0 || table.claimed(slot)) {
            return false;
        }
        byte s = table.state(slot);
        if (!(pendingToo && s == TaskTable.PENDING || deadToo && s == TaskTable.DEAD)) {
            return false;
        }
        wheel.remove(slot);
        table.setClaimed(slot, true);
        return true;
    }

    /** The claim's record never became durable: the task is as it was. */
    void unclaim(long id) {
        int slot = table.slotOf(id);
        table.setClaimed(slot, false);
        if (table.state(slot) == TaskTable.PENDING) {
            schedule(slot);
        }
    }

    /** Moves the wheel to the clock; returns how many tasks are due. */
    int advance(long nowMillis) {
        wheel.advanceTo(Math.floorDiv(nowMillis, tickMillis));
        return wheel.dueCount();
    }

    /**
     * The ticker's sleep, tickless: until the next tick that holds a task ({@link TimingWheel#nextDueTick}),
     * until a task goes in before it, or until the queue stops — and with nothing in the wheel, until a
     * task arrives, so an empty queue never wakes its ticker. {@code maxMillis} bounds the sleep while
     * tasks wait.
     */
    void awaitNextTick(long maxMillis) {
        long next = wheel.nextDueTick();
        long wait = next == Long.MAX_VALUE ? Long.MAX_VALUE : nanosUntilTick(next, maxMillis);
        if (wait <= 0 || stopping) {
            return;
        }
        tickerAsleep = true;
        tickerWakesAt = next;
        try {
            if (wait == Long.MAX_VALUE) {
                earlierTask.awaitUninterruptibly();
            } else {
                earlierTask.awaitNanos(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the runner stops its threads by stop(), not by interrupts
        } finally {
            tickerAsleep = false;
        }
    }

    /**
     * From the clock's present to the start of {@code tick}, in nanoseconds, at most {@code maxMillis}.
     * Counted from the clock's instant, not its millisecond: a sleep counted from a truncated
     * millisecond would end up to 1 ms after the boundary (0.5 ms on average), on top of the tick.
     */
    long nanosUntilTick(long tick, long maxMillis) {
        Instant now = clock.instant();
        long millis = tick * tickMillis - now.toEpochMilli();
        if (millis > maxMillis) {
            return TimeUnit.MILLISECONDS.toNanos(maxMillis);
        }
        return TimeUnit.MILLISECONDS.toNanos(millis) - now.getNano() % 1_000_000;
    }

    /** A due task for a worker, now RUNNING; waits while none is due; null once the queue stops. */
    Task take() {
        while (!stopping && wheel.dueCount() == 0) {
            workAvailable.awaitUninterruptibly();
        }
        if (stopping) {
            return null;
        }
        int slot = wheel.pollDue();
        table.setState(slot, TaskTable.RUNNING);
        running++;
        return new Task(table.id(slot), table.name(slot), table.payload(slot), table.attempts(slot) + 1, table.dueMillis(slot));
    }

    public void stop() {
        stopping = true;
        earlierTask.signalAll();
        workAvailable.signalAll();
        changed.signalAll();
    }

    /** Stops the queue because its log failed: workers take no more tasks, waiters wake up. */
    void fail(QueueFailedException e) {
        if (failure == null) {
            failure = e;
        }
        stop();
    }

    public boolean stopping() {
        return stopping;
    }

    public QueueFailedException failure() {
        return failure;
    }

    /**
     * A time before which no waiting task falls due: the wheel's next due tick (exact, or the start
     * of a crowded bucket a task in it may be due later within); Long.MAX_VALUE if nothing waits in the wheel.
     */
    public long nothingDueBefore() {
        long tick = wheel.nextDueTick();
        return tick == Long.MAX_VALUE ? tick : tick * tickMillis;
    }

    /** Tasks not yet done, dead ones excluded. */
    public long pending() {
        return table.count() - dead;
    }

    public long liveBytes() {
        return liveBytes;
    }

    public void compacted() {
        compactions++;
    }

    /** Handler names the tasks in the table use. */
    public TreeSet<String> names() {
        TreeSet<String> names = new TreeSet<>();
        for (int slot = 0; slot < table.capacity(); slot++) {
            if (table.state(slot) != TaskTable.FREE) {
                names.add(table.name(slot));
            }
        }
        return names;
    }

    /** Pending tasks (waiting, due or running) by due time then id, or dead tasks by id. */
    public List<TaskInfo> list(boolean deadOnes) {
        List<TaskInfo> out = new ArrayList<>();
        for (int slot = 0; slot < table.capacity(); slot++) {
            byte s = table.state(slot);
            if (s != TaskTable.FREE && (s == TaskTable.DEAD) == deadOnes) {
                out.add(info(slot));
            }
        }
        out.sort(deadOnes ? Comparator.comparingLong(TaskInfo::id)
                : Comparator.comparingLong(TaskInfo::dueMillis).thenComparingLong(TaskInfo::id));
        return out;
    }

    /** Writes the records that reproduce this state, in id order (enqueue order, kept for same-tick ties after a restart). */
    public void snapshot(Consumer<LogRecord> out) {
        long[] ids = new long[table.count()];
        int n = 0;
        for (int slot = 0; slot < table.capacity(); slot++) {
            if (table.state(slot) != TaskTable.FREE) {
                ids[n++] = table.id(slot);
            }
        }
        Arrays.sort(ids, 0, n);
        out.accept(LogRecord.idFloor(nextId));
        for (int i = 0; i < n; i++) {
            int slot = table.slotOf(ids[i]);
            out.accept(LogRecord.add(ids[i], table.dueMillis(slot), table.attempts(slot), table.name(slot), table.payload(slot)));
            if (table.state(slot) == TaskTable.DEAD) {
                out.accept(LogRecord.dead(ids[i], table.attempts(slot)));
            }
        }
    }

    /**
     * Waits until no task is pending (dead ones do not count) or {@code nanos} pass; takes the lock
     * itself. Returns whether the queue is idle.
     *
     * @throws QueueFailedException the queue stopped because its log failed
     */
    public boolean awaitIdle(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        lock.lock();
        try {
            while (true) {
                if (failure != null) {
                    throw failure;
                }
                if (pending() == 0) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    public QueueStats stats(long fsyncs, long logBytes, int logFiles) {
        return new QueueStats(pending(), wheel.dueCount(), running, dead, enqueued, executed, failures, retried, cancelled,
                requeued, fsyncs, logBytes, logFiles, compactions);
    }

    private TaskInfo info(int slot) {
        return new TaskInfo(table.id(slot), table.name(slot), table.dueMillis(slot), table.attempts(slot), table.payload(slot),
                table.state(slot) == TaskTable.RUNNING);
    }

    /** Into the wheel at the first tick boundary at or after its due time; already due: the due list. */
    private void schedule(int slot) {
        table.setState(slot, TaskTable.PENDING);
        long now = clock.millis();
        long due = table.dueMillis(slot);
        long tick = due <= now ? 0 : Math.floorDiv(due, tickMillis) + (Math.floorMod(due, tickMillis) == 0 ? 0 : 1);
        wheel.add(slot, tick);
        if (wheel.dueCount() > 0) {
            workAvailable.signal();
        }
        if (tickerAsleep && tick < tickerWakesAt) {
            earlierTask.signal();
        }
    }

    private void free(int slot) {
        liveBytes -= frameBytes(slot);
        table.release(slot);
        changed.signalAll();
    }

    private int frameBytes(int slot) {
        // Name length in chars, not UTF-8 bytes: an estimate, but the same one on add and free.
        return RecordCodec.addFrameBytes(table.name(slot).length(), table.payload(slot).length);
    }
}
