package io.muxlab.uring;

import io.muxlab.core.mux.Interest;
import io.muxlab.core.mux.Multiplexer;
import io.muxlab.core.mux.Ready;
import io.muxlab.core.mux.ReadyEvents;
import io.muxlab.core.sys.IoUring;
import io.muxlab.core.sys.IoUringCq;
import io.muxlab.core.sys.IoUringSq;
import java.util.Arrays;

/**
 * The readiness contract on io_uring ({@code uring-poll}): io_uring as an epoll, so the one echo
 * loop runs on it and the harness can separate "fewer syscalls by batching readiness" from "no
 * readiness at all" ({@link CompletionLoop}).
 *
 * <p>Each watched descriptor has one multishot {@code IORING_OP_POLL_ADD} (5.13) for its interest:
 * armed once, it posts a completion each time the socket wakes its waiters with a wanted event,
 * so it behaves like EPOLLET: {@link #edgeTriggered()} is true, and the echo loop reads and writes
 * until EAGAIN. Registering, changing and removing interest are SQEs, not syscalls: they ride on
 * the next {@link #wait}'s one {@code io_uring_enter}, where epoll pays an {@code epoll_ctl} each.
 *
 * <p>A change is a POLL_REMOVE of the old request and a POLL_ADD of a new one. Each request's
 * user_data carries the descriptor and a generation; a completion whose generation is not the
 * descriptor's current one (the removed request's -ECANCELED, a wake-up that raced the change) is
 * dropped. A multishot poll that ends (no F_MORE: an error, or a CQ ring too full to post to) is
 * re-armed. A poll request holds a reference to its file, so a descriptor closed right after
 * {@link #deregister} stays open in the kernel (no FIN yet) until the next wait submits the removal:
 * at most one loop turn. One thread owns an instance.
 */
public final class UringPollMultiplexer implements Multiplexer {
    public static final String NAME = "uring-poll";
    static final int[] OPCODES = {IoUring.IORING_OP_POLL_ADD, IoUring.IORING_OP_POLL_REMOVE};
    static final int POLLIN = 0x001;
    static final int POLLPRI = 0x002;
    static final int POLLOUT = 0x004;
    static final int POLLERR = 0x008;
    static final int POLLHUP = 0x010;
    static final int POLLNVAL = 0x020;
    static final int POLLRDHUP = 0x2000;
    /** user_data of POLL_REMOVE requests: their completions carry nothing we need. */
    private static final long REMOVE = -1L;
    private static final int NOT_REGISTERED = -1;

    private final IoUring ring = new IoUring(UringEchoServer.SQ_ENTRIES, UringEchoServer.CQ_ENTRIES, UringEchoServer.SETUP_FLAGS);
    private final IoUringSq sq = ring.sq();
    private final IoUringCq cq = ring.cq();
    /** Interest by descriptor, {@link #NOT_REGISTERED} if not watched. */
    private int[] interest = new int[256];
    /** The generation of each descriptor's current poll request. */
    private int[] generation = new int[256];
    /** The reap in which a descriptor last completed, and the ready bits gathered for it in that reap. */
    private int[] reportedIn = new int[256];
    private int[] readyBits = new int[256];
    /** Descriptors that completed in this reap, in order. */
    private int[] reported = new int[64];
    private int reportedCount;
    private int reaps;

    public UringPollMultiplexer() {
        Arrays.fill(interest, NOT_REGISTERED);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean edgeTriggered() {
        return true;
    }

    @Override
    public int maxFd() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void register(int fd, int newInterest) {
        ensureCapacity(fd);
        if (interest[fd] != NOT_REGISTERED) {
            throw new IllegalStateException("fd " + fd + " is registered already");
        }
        interest[fd] = newInterest;
        arm(fd);
    }

    @Override
    public void modify(int fd, int newInterest) {
        if (fd >= interest.length || interest[fd] == NOT_REGISTERED) {
            throw new IllegalStateException("fd " + fd + " is not registered");
        }
        if (interest[fd] != newInterest) {
            disarm(fd);
            interest[fd] = newInterest;
            arm(fd);
        }
    }

    @Override
    public void deregister(int fd) {
        if (fd >= interest.length || interest[fd] == NOT_REGISTERED) {
            throw new IllegalStateException("fd " + fd + " is not registered");
        }
        disarm(fd);
        interest[fd] = NOT_REGISTERED;
    }

    @Override
    public int wait(long timeoutNanos, ReadyEvents out) {
        out.clear();
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        long remaining = timeoutNanos;
        while (true) {
            int waitFor = remaining == 0 || ring.cqOverflowed() ? 0 : 1;
            ring.submitAndWait(waitFor, remaining);
            int n = cq.completions();
            reaps++;
            reportedCount = 0;
            for (int i = 0; i < n; i++) {
                long userData = cq.userData(0);
                int res = cq.result(0);
                int flags = cq.flags(0);
                cq.consume(1); // before completed() may re-arm, and submit if the SQ is full
                completed(userData, res, flags);
            }
            for (int i = 0; i < reportedCount; i++) {
                out.add(reported[i], readyBits[reported[i]]);
            }
            // Only stale completions, and time left: they are not an answer, wait on.
            if (out.count() > 0 || timeoutNanos == 0) {
                return out.count();
            }
            if (timeoutNanos > 0) {
                remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return 0;
                }
            } else if (n == 0) {
                return 0; // a signal interrupted the wait
            }
        }
    }

    @Override
    public void close() {
        // The kernel cancels the polls with the ring; they hold no memory of ours.
        ring.close();
    }

    private void completed(long userData, int res, int flags) {
        if (userData == REMOVE) {
            return;
        }
        int fd = (int) userData;
        int gen = (int) (userData >>> 32);
        if (fd >= interest.length || interest[fd] == NOT_REGISTERED || generation[fd] != gen) {
            return;
        }
        if ((flags & IoUring.IORING_CQE_F_MORE) == 0) {
            arm(fd); // the multishot poll ended; keep watching
        }
        int ready = res < 0 ? Ready.ERROR : ready(res);
        if (ready == 0) {
            return;
        }
        if (reportedIn[fd] != reaps) {
            reportedIn[fd] = reaps;
            readyBits[fd] = 0;
            if (reportedCount == reported.length) {
                reported = Arrays.copyOf(reported, reportedCount * 2);
            }
            reported[reportedCount++] = fd;
        }
        // Two completions of one request in one reap are merged: one entry per descriptor.
        readyBits[fd] |= ready;
    }

    /** Arms a multishot poll for the descriptor's interest, under a new generation; none for no interest. */
    private void arm(int fd) {
        generation[fd]++;
        int events = events(interest[fd]);
        if (events != 0) {
            while (!sq.pollAdd(fd, events, true, userData(fd))) {
                ring.submit();
            }
        }
    }

    /** Removes the descriptor's poll request, if one is armed; its -ECANCELED will be stale. */
    private void disarm(int fd) {
        if (events(interest[fd]) != 0) {
            while (!sq.pollRemove(userData(fd), REMOVE)) {
                ring.submit();
            }
        }
        generation[fd]++;
    }

    private long userData(int fd) {
        return (long) generation[fd] << 32 | (fd & 0xffffffffL);
    }

    private void ensureCapacity(int fd) {
        if (fd >= interest.length) {
            int size = Math.max(interest.length * 2, fd + 1);
            int old = interest.length;
            interest = Arrays.copyOf(interest, size);
            Arrays.fill(interest, old, size, NOT_REGISTERED);
            generation = Arrays.copyOf(generation, size);
            reportedIn = Arrays.copyOf(reportedIn, size);
            readyBits = Arrays.copyOf(readyBits, size);
        }
    }

    /** Interest bits to poll events. RDHUP comes with reading, as on epoll: it marks the FIN queued behind the bytes. */
    private static int events(int interest) {
        int events = 0;
        if ((interest & Interest.READ) != 0) {
            events |= POLLIN | POLLRDHUP;
        }
        if ((interest & Interest.WRITE) != 0) {
            events |= POLLOUT;
        }
        return events;
    }

    /** A poll completion's mask to Ready bits. */
    private static int ready(int mask) {
        int ready = 0;
        if ((mask & (POLLIN | POLLPRI | POLLRDHUP)) != 0) {
            ready |= Ready.READ;
        }
        if ((mask & POLLRDHUP) != 0) {
            ready |= Ready.READ_CLOSED;
        }
        if ((mask & POLLOUT) != 0) {
            ready |= Ready.WRITE;
        }
        if ((mask & POLLHUP) != 0) {
            ready |= Ready.HANGUP;
        }
        if ((mask & (POLLERR | POLLNVAL)) != 0) {
            ready |= Ready.ERROR;
        }
        return ready;
    }
}
