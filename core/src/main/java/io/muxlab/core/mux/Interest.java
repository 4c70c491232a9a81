package io.muxlab.core.mux;

/** What a loop wants to hear about a descriptor: bits for {@link Multiplexer#register}. */
public final class Interest {
    public static final int NONE = 0;
    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int READ_WRITE = READ | WRITE;
    /**
     * With {@link #READ}, for a listening socket that several loops watch: wake one of them per
     * connection, not all (epoll's EPOLLEXCLUSIVE, Linux 4.5). Only at register; backends without
     * such a flag ignore it, and every loop then wakes.
     */
    public static final int EXCLUSIVE = 4;

    private Interest() {
    }

    public static String toString(int interest) {
        return switch (interest) {
            case NONE -> "none";
            case READ -> "read";
            case WRITE -> "write";
            case READ_WRITE -> "read|write";
            default -> "interest(" + interest + ")";
        };
    }
}
