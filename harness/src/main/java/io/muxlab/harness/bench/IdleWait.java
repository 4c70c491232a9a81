package io.muxlab.harness.bench;

import io.muxlab.core.sys.Epoll;
import io.muxlab.core.sys.FdSet;
import io.muxlab.core.sys.IoUring;
import io.muxlab.core.sys.IoUringSupport;
import io.muxlab.core.sys.Poll;
import io.muxlab.core.sys.PollFds;
import io.muxlab.core.sys.Select;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One wait call (timeout 0) against {@code n} registered descriptors of which none is ready, for
 * each way of waiting the lab shows: select (the master set copied first, as every select loop
 * must), poll, epoll_wait, the JDK's {@code Selector.selectNow()}, and io_uring with a multishot
 * poll request armed per descriptor and an io_uring_enter(GETEVENTS) that asks for no
 * completion (its zero timeout). select and poll hand the kernel the whole list every call; epoll and io_uring
 * keep it in the kernel and return only what is ready, here nothing. The wait-cost section times
 * these in a child JVM; the JMH benchmarks beside this class time the same calls.
 */
public abstract class IdleWait implements AutoCloseable {
    public static final String SELECT = "select";
    public static final String POLL = "poll";
    public static final String EPOLL = "epoll_wait";
    public static final String JDK_SELECTOR = "jdk-selector";
    public static final String IO_URING = "io_uring";
    /** Every backend, in the order the report lists them. */
    public static final List<String> ALL = List.of(SELECT, POLL, EPOLL, JDK_SELECTOR, IO_URING);

    /** How many descriptors are registered (n rounded down to even: pipes and socket pairs come in twos). */
    public abstract int descriptors();

    /** One wait with a zero timeout; returns how many were ready (0 here). */
    public abstract int waitOnce() throws IOException;

    @Override
    public abstract void close() throws IOException;

    /** Why {@code backend} cannot run on this machine, or empty if it can. */
    public static Optional<String> unavailable(String backend) {
        if (backend.equals(IO_URING)) {
            return IoUringSupport.unavailable(0, IoUring.IORING_OP_POLL_ADD);
        }
        return Optional.empty();
    }

    /** {@code backend} (one of {@link #ALL}) over {@code n} idle descriptors; the caller closes it. */
    public static IdleWait open(String backend, int n) throws IOException {
        switch (backend) {
            case SELECT:
                return new SelectWait(n);
            case POLL:
                return new PollWait(n);
            case EPOLL:
                return new EpollWait(n);
            case JDK_SELECTOR:
                return new SelectorWait(n);
            case IO_URING:
                return new UringWait(n);
            default:
                throw new IllegalArgumentException("unknown backend '" + backend + "'; known: " + String.join(", ", ALL));
        }
    }

    private static final class SelectWait extends IdleWait {
        private final IdleDescriptors idle;
        private final FdSet master = new FdSet();
        private final FdSet ready = new FdSet();
        private final Select select = new Select();
        private final int nfds;

        SelectWait(int n) {
            idle = new IdleDescriptors(n);
            nfds = idle.max() + 1;
            if (nfds > FdSet.FD_SETSIZE) {
                close();
                throw new IllegalStateException("select cannot watch descriptor " + (nfds - 1) + ": an fd_set holds 0 to "
                        + (FdSet.FD_SETSIZE - 1) + " (FD_SETSIZE), and this JVM's own descriptors took the low numbers");
            }
            for (int fd : idle.fds) {
                master.set(fd);
            }
        }

        @Override
        public int descriptors() {
            return idle.fds.length;
        }

        @Override
        public int waitOnce() {
            ready.copyFrom(master, nfds - 1);
            return select.select(nfds, ready, null, 0);
        }

        @Override
        public void close() {
            select.close();
            ready.close();
            master.close();
            idle.close();
        }
    }

    private static final class PollWait extends IdleWait {
        private final IdleDescriptors idle;
        private final PollFds fds;

        PollWait(int n) {
            idle = new IdleDescriptors(n);
            fds = new PollFds(n);
            for (int fd : idle.fds) {
                fds.add(fd, Poll.POLLIN);
            }
        }

        @Override
        public int descriptors() {
            return idle.fds.length;
        }

        @Override
        public int waitOnce() {
            return Poll.poll(fds, 0);
        }

        @Override
        public void close() {
            fds.close();
            idle.close();
        }
    }

    private static final class EpollWait extends IdleWait {
        private final IdleDescriptors idle;
        private final Epoll epoll;

        EpollWait(int n) {
            idle = new IdleDescriptors(n);
            epoll = new Epoll(64);
            try {
                for (int fd : idle.fds) {
                    epoll.add(fd, Epoll.EPOLLIN, fd);
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public int descriptors() {
            return idle.fds.length;
        }

        @Override
        public int waitOnce() {
            return epoll.wait(0);
        }

        @Override
        public void close() {
            epoll.close();
            idle.close();
        }
    }

    private static final class SelectorWait extends IdleWait {
        private final IdleChannels idle;

        SelectorWait(int n) throws IOException {
            idle = new IdleChannels(n);
        }

        @Override
        public int descriptors() {
            return idle.count();
        }

        @Override
        public int waitOnce() throws IOException {
            return idle.selector.selectNow();
        }

        @Override
        public void close() throws IOException {
            idle.close();
        }
    }

    private static final class UringWait extends IdleWait {
        private static final int SQ_ENTRIES = 256;
        private final IdleDescriptors idle;
        private final IoUring ring;

        UringWait(int n) {
            idle = new IdleDescriptors(n);
            // Multishot polls post nothing until a descriptor is ready; the CQ only needs room for stray completions.
            ring = new IoUring(SQ_ENTRIES, 0, 0);
            try {
                for (int fd : idle.fds) {
                    if (!ring.sq().pollAdd(fd, Poll.POLLIN, true, fd)) {
                        ring.submit();
                        ring.sq().pollAdd(fd, Poll.POLLIN, true, fd);
                    }
                }
                ring.submit();
                int stray = ring.cq().completions();
                if (stray > 0) {
                    throw new IllegalStateException("io_uring: " + stray + " poll request(s) completed at once (first res "
                            + ring.cq().result(0) + "); an idle descriptor should post nothing");
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public int descriptors() {
            return idle.fds.length;
        }

        @Override
        public int waitOnce() {
            // min_complete 0 is io_uring's zero timeout: a wait for one completion with a 0 ns timespec arms an
            // hrtimer and sleeps until it fires (timer slack included), which measures the timer, not the ring.
            ring.submitAndWait(0, -1);
            return ring.cq().completions();
        }

        @Override
        public void close() {
            ring.close();
            idle.close();
        }
    }
}
