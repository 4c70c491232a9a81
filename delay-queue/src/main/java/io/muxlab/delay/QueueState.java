package io.muxlab.delay;

import io.muxlab.delay.log.RecordCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything in memory about the queue's tasks, behind one lock: the task table, the wheel, the
 * counters. Producers, the ticker and the workers each hold the lock only to move a task between
 * states; log appends and handler calls happen outside it.
 *
 * <p>Task life: ENQUEUING (add record being written) -> PENDING (in the wheel, or on its due list)
 * -> RUNNING -> FINISHING (done record being written) -> freed; or RUNNING -> PENDING again (retry)
 * or DEAD; PENDING -> CANCELLING -> freed.
 */
final class QueueState {
    final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the due list gains tasks or the queue stops: workers wait on it. */
    final Condition workAvailable = lock.newCondition();
    /** Signalled when a task leaves the queue, so {@code awaitIdle} can re-check. */
    final Condition changed = lock.newCondition();
    final TaskTable table = new TaskTable();
    final TimingWheel wheel;
    final long tickMillis;

    /** Live log bytes: the ADD frames of every task still in the table (compaction's yardstick). */
    long liveBytes;
    long dead;
    long running;
    long nextId = 1;
    long enqueued;
    long executed;
    long failures;
    long retried;
    long cancelled;
    long requeued;
    long compactions;
    boolean stopping;
    /** Why the queue stopped by itself (its log failed), or null: every later call reports it. */
    QueueFailedException failure;

    QueueState(int slotsPerLevel, long tickMillis, long nowMillis) {
        this.tickMillis = tickMillis;
        this.wheel = new TimingWheel(slotsPerLevel, Math.floorDiv(nowMillis, tickMillis));
    }

    /** The tick a due time fires on: the first tick boundary at or after it; already due -> now. */
    long tickFor(long dueMillis, long nowMillis) {
        if (dueMillis <= nowMillis) {
            return 0;
        }
        return Math.floorDiv(dueMillis, tickMillis) + (Math.floorMod(dueMillis, tickMillis) == 0 ? 0 : 1);
    }

    /** Takes a table slot (and room in the wheel) for a task. */
    int allocate(long id, long dueMillis, int attempts, String name, byte[] payload, byte state) {
        int slot = table.allocate(id, dueMillis, attempts, name, payload);
        table.setState(slot, state);
        wheel.ensureCapacity(table.capacity());
        liveBytes += frameBytes(slot);
        return slot;
    }

    void schedule(int slot, long nowMillis) {
        table.setState(slot, TaskTable.PENDING);
        wheel.add(slot, tickFor(table.dueMillis(slot), nowMillis));
        if (wheel.dueCount() > 0) {
            workAvailable.signal();
        }
    }

    void free(int slot) {
        liveBytes -= frameBytes(slot);
        table.release(slot);
        changed.signalAll();
    }

    /**
     * After replay, tasks already overdue sit on the due list in log order; put them in due order
     * (ties by id, which is enqueue order), as if the queue had never stopped.
     */
    void orderOverdue() {
        int n = wheel.dueCount();
        Integer[] slots = new Integer[n];
        for (int i = 0; i < n; i++) {
            slots[i] = wheel.pollDue();
        }
        Arrays.sort(slots, Comparator.<Integer>comparingLong(table::dueMillis).thenComparingLong(table::id));
        for (int slot : slots) {
            wheel.add(slot, 0);
        }
    }

    /** Stops the queue because its log failed: workers take no more tasks, waiters wake up. */
    void fail(QueueFailedException e) {
        if (failure == null) {
            failure = e;
        }
        stopping = true;
        workAvailable.signalAll();
        changed.signalAll();
    }

    /** Pending tasks (waiting, due or running) by due time then id, or dead tasks by id. */
    List<TaskInfo> list(boolean deadOnes) {
        List<TaskInfo> out = new ArrayList<>();
        for (int slot = 0; slot < table.capacity(); slot++) {
            byte s = table.state(slot);
            boolean isDead = s == TaskTable.DEAD;
            boolean isPending = s == TaskTable.PENDING || s == TaskTable.RUNNING || s == TaskTable.ENQUEUING;
            if (deadOnes ? isDead : isPending) {
                out.add(new TaskInfo(table.id(slot), table.name(slot), table.dueMillis(slot), table.attempts(slot),
                        table.payload(slot), s == TaskTable.RUNNING));
            }
        }
        out.sort(deadOnes ? Comparator.comparingLong(TaskInfo::id)
                : Comparator.comparingLong(TaskInfo::dueMillis).thenComparingLong(TaskInfo::id));
        return out;
    }

    QueueStats stats(long fsyncs, long logBytes, int logFiles) {
        return new QueueStats(pending(), wheel.dueCount(), running, dead, enqueued, executed, failures, retried, cancelled,
                requeued, fsyncs, logBytes, logFiles, compactions);
    }

    /** Tasks not yet done, dead ones excluded. */
    long pending() {
        return table.count() - dead;
    }

    private int frameBytes(int slot) {
        // Name length in chars, not UTF-8 bytes: an estimate, but the same one on add and free.
        return RecordCodec.addFrameBytes(table.name(slot).length(), table.payload(slot).length);
    }
}
