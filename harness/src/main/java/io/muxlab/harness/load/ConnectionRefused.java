package io.muxlab.harness.load;

/**
 * The server accepted a connection and closed it at once, or never answered it: it will not hold
 * more connections (select's FD_SETSIZE, --max-connections, its descriptor limit).
 */
public final class ConnectionRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int established;

    public ConnectionRefused(int established, String message) {
        super(message);
        this.established = established;
    }

    /** Connections that were open and answering when the server stopped taking more. */
    public int established() {
        return established;
    }
}
