package io.muxlab.delay.log;

/** The directory is not a queue (no manifest), so the queue refuses to read or change anything in it. */
public final class NotAQueueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotAQueueException(String message) {
        super(message);
    }
}
