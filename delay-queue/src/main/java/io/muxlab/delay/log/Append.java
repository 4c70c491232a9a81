package io.muxlab.delay.log;

import java.util.List;

/**
 * One caller's part of a group commit: the records it appends, and what to do once they are
 * durable or once they never will be. {@link LogWriter} calls all three under its group lock (the
 * queue's state lock), on the syncer thread with {@code BATCH} and on the caller's thread otherwise,
 * so a whole group's bookkeeping costs one lock acquisition instead of two per caller.
 *
 * <p>Calls happen in this order, each at most once: {@link #records} just before the group is
 * encoded (ids handed out there follow log order); then {@link #durable} after the fsync that
 * covers them, or {@link #failed} if the write or fsync failed. An exception from {@code records}
 * fails only this append, and the caller sees it; nothing else is called then.
 */
public interface Append {
    List<LogRecord> records();

    default void durable() {
    }

    default void failed() {
    }
}
