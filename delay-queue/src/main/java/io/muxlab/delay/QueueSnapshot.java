package io.muxlab.delay;

import io.muxlab.delay.engine.TaskMachine;
import io.muxlab.delay.log.DirectoryLock;
import io.muxlab.delay.log.LogRecovery;
import io.muxlab.delay.log.QueueDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A queue as its log says it is right now, read without changing anything on disk: what {@code list}
 * and {@code stats} show. Reading takes a shared lock for the moment of the replay, so it fails while
 * a writer holds the queue and never sees a half-written record as damage. Damage it finds is reported
 * through the warnings and left for the next writer to deal with.
 */
public final class QueueSnapshot {
    private final TaskMachine machine;
    private final LogRecovery.Result log;
    private final long recoveryNanos;

    private QueueSnapshot(TaskMachine machine, LogRecovery.Result log, long recoveryNanos) {
        this.machine = machine;
        this.log = log;
        this.recoveryNanos = recoveryNanos;
    }

    /**
     * @throws io.muxlab.delay.log.NotAQueueException the directory is missing or not a queue
     * @throws io.muxlab.delay.log.QueueLockedException a writer holds the queue
     * @throws io.muxlab.delay.log.CorruptLogException the log is damaged other than at its tail, or a segment is missing
     */
    public static QueueSnapshot read(Path dir, QueueOptions options) throws IOException {
        try (DirectoryLock lock = QueueDirectory.openForReading(dir)) {
            long start = System.nanoTime();
            TaskMachine machine = new TaskMachine(options.slotsPerLevel(), options.tick().toMillis(), options.clock());
            machine.lock.lock();
            try {
                LogRecovery.Result log = LogRecovery.recoverReadOnly(dir, machine::apply, options.warnings());
                machine.recovered();
                return new QueueSnapshot(machine, log, System.nanoTime() - start);
            } finally {
                machine.lock.unlock();
            }
        }
    }

    /** Pending tasks by due time, then id. */
    public List<TaskInfo> pending() {
        return list(false);
    }

    /** Dead tasks by id. */
    public List<TaskInfo> dead() {
        return list(true);
    }

    /** Counts of this moment; the counters of a running queue (enqueued, executed, ...) are 0 here. */
    public QueueStats stats() {
        machine.lock.lock();
        try {
            return machine.stats(0, log.bytes(), log.segments().size() + (log.base() > 0 ? 1 : 0));
        } finally {
            machine.lock.unlock();
        }
    }

    /** How long replaying the log took. */
    public Duration recoveryTime() {
        return Duration.ofNanos(recoveryNanos);
    }

    private List<TaskInfo> list(boolean dead) {
        machine.lock.lock();
        try {
            return machine.list(dead);
        } finally {
            machine.lock.unlock();
        }
    }
}
