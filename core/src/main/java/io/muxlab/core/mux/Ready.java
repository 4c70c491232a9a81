package io.muxlab.core.mux;

/**
 * What the kernel reported about a descriptor. HANGUP and ERROR are reported whether asked for or
 * not (as POLLHUP/POLLERR and EPOLLHUP/EPOLLERR are); a loop that sees them should still try to
 * read, because data may be waiting before the end of the stream.
 */
public final class Ready {
    public static final int READ = 1;
    public static final int WRITE = 2;
    /** The peer closed both directions (POLLHUP/EPOLLHUP). */
    public static final int HANGUP = 4;
    /** An error is pending on the socket (POLLERR/EPOLLERR, POLLNVAL). */
    public static final int ERROR = 8;
    /**
     * The peer shut down its write side (EPOLLRDHUP): reading will reach the end of the stream.
     * Reported with {@link #READ}, by backends that can tell; an edge-triggered reader must then
     * read until the end, because the FIN raises no further edge.
     */
    public static final int READ_CLOSED = 16;

    private Ready() {
    }

    public static String toString(int ready) {
        StringBuilder sb = new StringBuilder();
        append(sb, ready, READ, "read");
        append(sb, ready, WRITE, "write");
        append(sb, ready, HANGUP, "hangup");
        append(sb, ready, ERROR, "error");
        append(sb, ready, READ_CLOSED, "read-closed");
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private static void append(StringBuilder sb, int ready, int bit, String name) {
        if ((ready & bit) != 0) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(name);
        }
    }
}
