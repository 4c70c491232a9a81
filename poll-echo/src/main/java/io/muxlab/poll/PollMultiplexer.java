package io.muxlab.poll;

import io.muxlab.core.mux.Interest;
import io.muxlab.core.mux.Multiplexer;
import io.muxlab.core.mux.Ready;
import io.muxlab.core.mux.ReadyEvents;
import io.muxlab.core.mux.Timeouts;
import io.muxlab.core.sys.Poll;
import io.muxlab.core.sys.PollFds;
import java.util.Arrays;

/**
 * The readiness contract on {@code poll(2)} (System V, 1986; Linux 2.1.23).
 *
 * <p>Cost per call: interest still lives in user space, now as an array of {@code struct pollfd}
 * (fd, events, revents) that the kernel reads and only writes {@code revents} into, so nothing is
 * rebuilt between calls. But every wait still hands the kernel the whole array: it copies it in,
 * checks every entry, and copies it back, and we scan every entry's {@code revents} to find the
 * ready ones (stopping once we have seen as many as poll counted). O(registered descriptors) per
 * call, however few are ready.
 *
 * <p>Limits: none of select's; any descriptor number works, and the array grows by doubling. The
 * kernel reports POLLHUP and POLLERR whether asked or not. Timeouts are whole milliseconds (rounded
 * up, so a short wait is never a busy zero).
 *
 * <p>Bookkeeping: {@code indexOf[fd]} finds an fd's entry in O(1); removal moves the last entry into
 * the hole (libuv's posix-poll.c does the same), so the array stays dense. One thread owns an instance.
 */
public final class PollMultiplexer implements Multiplexer {
    public static final String NAME = "poll";
    private static final int NOT_REGISTERED = -1;

    /** The pollfd array handed to the kernel on every call. */
    private final PollFds fds = new PollFds(64);
    /** fd -> index in {@link #fds}, or NOT_REGISTERED; grown by doubling. */
    private int[] indexOf = newIndex(64);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean edgeTriggered() {
        return false;
    }

    @Override
    public int maxFd() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void register(int fd, int interest) {
        if (fd < 0) {
            throw new IllegalArgumentException("cannot register fd " + fd);
        }
        if (fd >= indexOf.length) {
            int old = indexOf.length;
            indexOf = Arrays.copyOf(indexOf, Math.max(old * 2, fd + 1));
            Arrays.fill(indexOf, old, indexOf.length, NOT_REGISTERED);
        }
        if (indexOf[fd] != NOT_REGISTERED) {
            throw new IllegalStateException("fd " + fd + " is already registered with poll");
        }
        indexOf[fd] = fds.add(fd, events(interest));
    }

    @Override
    public void modify(int fd, int interest) {
        fds.setEvents(index(fd), events(interest));
    }

    @Override
    public void deregister(int fd) {
        int index = index(fd);
        int moved = fds.removeAt(index);
        if (moved >= 0) {
            indexOf[moved] = index;
        }
        indexOf[fd] = NOT_REGISTERED;
    }

    @Override
    public int wait(long timeoutNanos, ReadyEvents out) {
        out.clear();
        int n = Poll.poll(fds, Timeouts.toMillis(timeoutNanos));
        for (int i = 0, found = 0; found < n && i < fds.count(); i++) {
            int revents = fds.revents(i);
            if (revents != 0) {
                found++;
                out.add(fds.fd(i), ready(revents));
            }
        }
        return out.count();
    }

    @Override
    public void close() {
        fds.close();
    }

    /** Interest bits to pollfd.events. */
    private static int events(int interest) {
        return ((interest & Interest.READ) != 0 ? Poll.POLLIN : 0) | ((interest & Interest.WRITE) != 0 ? Poll.POLLOUT : 0);
    }

    /** pollfd.revents to Ready bits. */
    private static int ready(int revents) {
        int ready = 0;
        if ((revents & (Poll.POLLIN | Poll.POLLPRI | Poll.POLLRDHUP)) != 0) {
            ready |= Ready.READ;
        }
        if ((revents & Poll.POLLOUT) != 0) {
            ready |= Ready.WRITE;
        }
        if ((revents & Poll.POLLHUP) != 0) {
            ready |= Ready.HANGUP;
        }
        if ((revents & (Poll.POLLERR | Poll.POLLNVAL)) != 0) {
            ready |= Ready.ERROR;
        }
        return ready;
    }

    private int index(int fd) {
        int index = fd >= 0 && fd < indexOf.length ? indexOf[fd] : NOT_REGISTERED;
        if (index == NOT_REGISTERED) {
            throw new IllegalStateException("fd " + fd + " is not registered with poll");
        }
        return index;
    }

    private static int[] newIndex(int size) {
        int[] index = new int[size];
        Arrays.fill(index, NOT_REGISTERED);
        return index;
    }
}
