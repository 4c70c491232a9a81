package io.muxlab.delay.log;

/** Another process (or another queue in this one) owns the directory; the message names its pid. */
public final class QueueLockedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueLockedException(String message) {
        super(message);
    }
}
