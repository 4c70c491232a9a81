package io.muxlab.core.mux;

/**
 * Converting a timeout in nanoseconds to the unit a syscall takes. Rounding is always up: a
 * timeout of 0.3 ms truncated to 0 ms would turn a loop's short sleep into a busy spin (mio and
 * the JDK round the same way).
 */
public final class Timeouts {
    private Timeouts() {
    }

    /** For poll and epoll_wait: -1 (forever) for a negative timeout, else milliseconds rounded up. */
    public static int toMillis(long timeoutNanos) {
        if (timeoutNanos < 0) {
            return -1;
        }
        long millis = timeoutNanos / 1_000_000L;
        if (millis * 1_000_000L < timeoutNanos) {
            millis++;
        }
        return (int) Math.min(millis, Integer.MAX_VALUE);
    }

    /** For select's timeval: -1 (forever) for a negative timeout, else microseconds rounded up. */
    public static long toMicros(long timeoutNanos) {
        if (timeoutNanos < 0) {
            return -1;
        }
        long micros = timeoutNanos / 1_000L;
        return micros * 1_000L < timeoutNanos ? micros + 1 : micros;
    }
}
