package io.muxlab.harness.load;

/** The run cannot be trusted: an echo that differs from what was sent, a lost connection, a stall. */
public final class LoadFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LoadFailure(String message) {
        super(message);
    }
}
