package io.muxlab.delay.log;

/**
 * The log holds a damaged record that is not a torn tail: valid records follow it, or it is in a
 * file that is not the last. Opening refuses rather than silently dropping what follows.
 */
public final class CorruptLogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptLogException(String message) {
        super(message);
    }
}
