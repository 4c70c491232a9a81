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

    private Ready() {
    }

    public static String toString(int ready) {
        StringBuilder sb = new StringBuilder();
        append(sb, ready, READ, "read");
        append(sb, ready, WRITE, "write");
        append(sb, ready, HANGUP, "hangup");
        append(sb, ready, ERROR, "error");
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
