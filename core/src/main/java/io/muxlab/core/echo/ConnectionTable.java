package io.muxlab.core.echo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Open connections by descriptor number. The kernel hands out the lowest free descriptor, so the
 * numbers stay dense and an array indexed by fd (grown by doubling) finds a connection with one
 * load, as Redis's {@code events[fd]} does. Loop thread only.
 */
final class ConnectionTable {
    private Connection[] byFd = new Connection[256];
    private int size;

    Connection get(int fd) {
        return fd >= 0 && fd < byFd.length ? byFd[fd] : null;
    }

    void put(Connection c) {
        if (c.fd >= byFd.length) {
            byFd = Arrays.copyOf(byFd, Math.max(byFd.length * 2, c.fd + 1));
        }
        if (byFd[c.fd] != null) {
            throw new IllegalStateException("fd " + c.fd + " already has a connection");
        }
        byFd[c.fd] = c;
        size++;
    }

    void remove(Connection c) {
        if (byFd[c.fd] == c) {
            byFd[c.fd] = null;
            size--;
        }
    }

    /** Open connections. */
    int size() {
        return size;
    }

    /** The open connections, in a new list: for shutting down, when the table is emptied while walked. */
    List<Connection> snapshot() {
        List<Connection> all = new ArrayList<>(size);
        for (Connection c : byFd) {
            if (c != null) {
                all.add(c);
            }
        }
        return all;
    }
}
