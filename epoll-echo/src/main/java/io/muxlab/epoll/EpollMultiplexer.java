package io.muxlab.epoll;

import io.muxlab.core.mux.Interest;
import io.muxlab.core.mux.Multiplexer;
import io.muxlab.core.mux.Ready;
import io.muxlab.core.mux.ReadyEvents;
import io.muxlab.core.mux.Timeouts;
import io.muxlab.core.sys.Epoll;

/**
 * The readiness contract on {@code epoll(7)} (Linux 2.5.44, 2002), level- or edge-triggered.
 *
 * <p>Cost per call: interest lives in the kernel. {@code epoll_ctl} changes it once per change (one
 * syscall, O(log n) in the kernel's red-black tree), not once per wait; the kernel keeps a ready
 * list that socket wake-ups append to, and {@code epoll_wait} copies out only that list, at most
 * {@link #MAX_EVENTS} entries. So a wait costs O(ready), not O(watched): one busy connection among
 * 1000 idle ones pays for one. The price is the extra syscall whenever interest changes (the echo
 * loop changes it only under backpressure and partial writes).
 *
 * <p>Level-triggered (the default, {@code epoll-lt}) behaves like poll: a descriptor is reported on
 * every wait while it is ready. Edge-triggered ({@code --edge-triggered}, EPOLLET, {@code epoll-et})
 * reports a descriptor when it becomes ready (new bytes arrive, buffer space frees up), once; the
 * loop must then read and write until EAGAIN (or a short read). See {@code docs/level-vs-edge.md}.
 *
 * <p>EPOLLRDHUP (the peer shut down its write side) is asked for with reading and reported as
 * readable plus {@code READ_CLOSED}: EPOLLIN fires on the peer's FIN too, but only RDHUP says the
 * FIN is already queued, which an edge-triggered reader needs to know, because it must then read
 * past a short read to the end of the stream, where the echo loop handles half-close. EPOLLHUP and
 * EPOLLERR are always reported. The descriptor number travels in the event's data field. Limits:
 * none on descriptor numbers. One thread owns an instance.
 */
public final class EpollMultiplexer implements Multiplexer {
    public static final String LEVEL_NAME = "epoll-lt";
    public static final String EDGE_NAME = "epoll-et";
    /** Ready events one wait can return; more stay on the kernel's ready list for the next wait. */
    static final int MAX_EVENTS = 1024;

    private final Epoll epoll = new Epoll(MAX_EVENTS);
    private final boolean edgeTriggered;

    public EpollMultiplexer(boolean edgeTriggered) {
        this.edgeTriggered = edgeTriggered;
    }

    @Override
    public String name() {
        return edgeTriggered ? EDGE_NAME : LEVEL_NAME;
    }

    @Override
    public boolean edgeTriggered() {
        return edgeTriggered;
    }

    @Override
    public int maxFd() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void register(int fd, int interest) {
        epoll.add(fd, events(interest), fd);
    }

    @Override
    public void modify(int fd, int interest) {
        epoll.modify(fd, events(interest), fd);
    }

    @Override
    public void deregister(int fd) {
        epoll.delete(fd);
    }

    @Override
    public int wait(long timeoutNanos, ReadyEvents out) {
        out.clear();
        int n = epoll.wait(Timeouts.toMillis(timeoutNanos));
        for (int i = 0; i < n; i++) {
            out.add((int) epoll.data(i), ready(epoll.events(i)));
        }
        return n;
    }

    @Override
    public void close() {
        epoll.close();
    }

    /** Interest bits to epoll_event.events. */
    private int events(int interest) {
        int events = edgeTriggered ? Epoll.EPOLLET : 0;
        if ((interest & Interest.EXCLUSIVE) != 0) {
            // A listener several loops share: the kernel refuses EPOLLRDHUP beside EPOLLEXCLUSIVE (EINVAL),
            // and a listening socket has no peer to half-close anyway.
            return events | Epoll.EPOLLEXCLUSIVE | ((interest & Interest.READ) != 0 ? Epoll.EPOLLIN : 0);
        }
        if ((interest & Interest.READ) != 0) {
            events |= Epoll.EPOLLIN | Epoll.EPOLLRDHUP;
        }
        if ((interest & Interest.WRITE) != 0) {
            events |= Epoll.EPOLLOUT;
        }
        return events;
    }

    /** epoll_event.events to Ready bits. */
    private static int ready(int events) {
        int ready = 0;
        if ((events & (Epoll.EPOLLIN | Epoll.EPOLLPRI | Epoll.EPOLLRDHUP)) != 0) {
            ready |= Ready.READ;
        }
        if ((events & Epoll.EPOLLRDHUP) != 0) {
            ready |= Ready.READ_CLOSED;
        }
        if ((events & Epoll.EPOLLOUT) != 0) {
            ready |= Ready.WRITE;
        }
        if ((events & Epoll.EPOLLHUP) != 0) {
            ready |= Ready.HANGUP;
        }
        if ((events & Epoll.EPOLLERR) != 0) {
            ready |= Ready.ERROR;
        }
        return ready;
    }
}
