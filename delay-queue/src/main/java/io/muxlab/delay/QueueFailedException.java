package io.muxlab.delay;

import io.muxlab.delay.log.IoErrors;
import java.io.UncheckedIOException;

/**
 * The queue stopped by itself because its log could not be written (a full disk, a revoked
 * permission): nothing more can be made durable, so nothing more is taken. Every task acknowledged
 * before stays in the log; a task whose handler ran but whose done record failed runs again.
 */
public final class QueueFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueFailedException(UncheckedIOException cause) {
        super("the queue stopped: its log failed: " + IoErrors.describe(cause.getCause())
                + " (tasks acknowledged before are safe in the log)", cause);
    }
}
