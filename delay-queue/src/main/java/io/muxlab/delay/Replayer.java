package io.muxlab.delay;

import io.muxlab.delay.log.LogRecord;
import io.muxlab.delay.log.LogRecovery;

/**
 * Rebuilds the queue's state from the log on open, record by record, in log order. Tasks go into
 * the wheel as their ADD is read (already-due ones straight onto the due list), so tasks due in
 * the same tick keep their enqueue order across a restart.
 *
 * <p>A record for a task the table does not hold is ignored: after a compaction, the done record
 * of a task the base left out (it was finishing) can follow it. A second ADD for a held id is
 * ignored too (a compaction may copy a task whose own ADD lands just after it).
 */
final class Replayer implements LogRecovery.Sink {
    private final QueueState state;
    private final long nowMillis;

    Replayer(QueueState state, long nowMillis) {
        this.state = state;
        this.nowMillis = nowMillis;
    }

    @Override
    public void accept(LogRecord r) {
        TaskTable table = state.table;
        if (r.kind() == LogRecord.Kind.ID_FLOOR) {
            state.nextId = Math.max(state.nextId, r.id());
            return;
        }
        state.nextId = Math.max(state.nextId, r.id() + 1);
        int slot = table.slotOf(r.id());
        if (r.kind() == LogRecord.Kind.ADD) {
            if (slot < 0) {
                slot = state.allocate(r.id(), r.dueMillis(), r.attempts(), r.name(), r.payload(), TaskTable.PENDING);
                state.schedule(slot, nowMillis);
            }
            return;
        }
        if (slot < 0) {
            return;
        }
        boolean wasDead = table.state(slot) == TaskTable.DEAD;
        switch (r.kind()) {
            case DONE, CANCEL -> {
                state.wheel.remove(slot);
                if (wasDead) {
                    state.dead--;
                }
                state.free(slot);
            }
            case RETRY -> {
                state.wheel.remove(slot);
                table.setAttempts(slot, r.attempts());
                table.setDueMillis(slot, r.dueMillis());
                if (wasDead) {
                    state.dead--;
                }
                state.schedule(slot, nowMillis);
            }
            case DEAD -> {
                state.wheel.remove(slot);
                table.setAttempts(slot, r.attempts());
                if (!wasDead) {
                    state.dead++;
                }
                table.setState(slot, TaskTable.DEAD);
            }
            case REQUEUE -> {
                state.wheel.remove(slot);
                table.setAttempts(slot, 0);
                table.setDueMillis(slot, r.dueMillis());
                if (wasDead) {
                    state.dead--;
                }
                state.schedule(slot, nowMillis);
            }
            default -> throw new IllegalStateException("unexpected record " + r.kind());
        }
    }
}
