package io.muxlab.harness.load;

/**
 * When each message of an open-loop run is meant to leave: {@code rate} messages per second in
 * total, spread evenly over the connections (connection {@code c} sends message {@code k} at
 * {@code start + (c + k * connections) / rate}). The client stamps a message with this intended
 * time, not the time it actually got sent, so a server that stalls the client is charged for the
 * whole stall: latency is measured from when the message should have gone (no coordinated omission).
 */
public final class OpenLoopSchedule {
    private final long startNanos;
    private final int connections;
    private final double nanosPerMessage;

    public OpenLoopSchedule(long startNanos, int connections, double messagesPerSecond) {
        if (connections < 1 || !(messagesPerSecond > 0)) {
            throw new IllegalArgumentException("open loop needs connections >= 1 and a positive rate, not "
                    + connections + " and " + messagesPerSecond);
        }
        this.startNanos = startNanos;
        this.connections = connections;
        this.nanosPerMessage = 1e9 / messagesPerSecond;
    }

    /** Intended send time of message {@code k} on connection {@code c}. */
    public long intended(int c, long k) {
        return startNanos + (long) ((c + k * connections) * nanosPerMessage);
    }
}
