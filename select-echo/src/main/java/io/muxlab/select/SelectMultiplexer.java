package io.muxlab.select;

import io.muxlab.core.mux.Interest;
import io.muxlab.core.mux.Multiplexer;
import io.muxlab.core.mux.Ready;
import io.muxlab.core.mux.ReadyEvents;
import io.muxlab.core.mux.Timeouts;
import io.muxlab.core.sys.FdSet;
import io.muxlab.core.sys.Select;
import io.muxlab.core.sys.SyscallTrace;

/**
 * The readiness contract on {@code select(2)}, the oldest of the three (4.2BSD, 1983).
 *
 * <p>Cost per call: interest lives in user space, in two master bitmaps. select overwrites the sets
 * it is given with the ready bits, so every wait first copies the masters (the words up to the
 * highest descriptor); the kernel then copies the sets in, checks every descriptor below
 * {@code nfds}, and copies them back; and we scan every bit up to the highest descriptor again to
 * find the ready ones (64 at a time). All of it is O(highest fd) however few are ready: one busy
 * connection among 1000 idle ones pays for 1000.
 *
 * <p>Limits: an fd_set has FD_SETSIZE = 1024 bits, so descriptors 1024 and up cannot be watched
 * at all, whatever RLIMIT_NOFILE says ({@link #maxFd()} = 1023; {@link FdSet} refuses them rather
 * than write past the set, and the echo loop closes such connections with a message). select
 * reports no hang-up or error of its own: a reset peer shows up as readable, and the read fails.
 *
 * <p>register/modify/deregister only flip bits: no syscall. One thread owns an instance.
 */
public final class SelectMultiplexer implements Multiplexer {
    public static final String NAME = "select";

    private final Select select = new Select();
    /** Interest: what we ask for. Changed by register/modify/deregister only. */
    private final FdSet readInterest = new FdSet();
    private final FdSet writeInterest = new FdSet();
    /** Every registered descriptor, even with no interest, so misuse is caught and the highest is known. */
    private final FdSet registered = new FdSet();
    /** The copies handed to select, which it overwrites with the ready bits. */
    private final FdSet readReady = new FdSet();
    private final FdSet writeReady = new FdSet();
    /** Highest registered descriptor, -1 if none: select's nfds is this plus one. */
    private int highest = -1;

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
        return FdSet.FD_SETSIZE - 1;
    }

    @Override
    public String refusal(int fd) {
        String beyond = Multiplexer.super.refusal(fd);
        return beyond == null ? null : beyond + " (FD_SETSIZE is " + FdSet.FD_SETSIZE + ")";
    }

    @Override
    public void register(int fd, int interest) {
        if (registered.isSet(fd)) {
            throw new IllegalStateException("fd " + fd + " is already registered with select");
        }
        registered.set(fd); // refuses fd >= FD_SETSIZE with a message naming the limit
        setInterest(fd, interest);
        highest = Math.max(highest, fd);
    }

    @Override
    public void modify(int fd, int interest) {
        requireRegistered(fd);
        setInterest(fd, interest);
    }

    @Override
    public void deregister(int fd) {
        requireRegistered(fd);
        registered.clear(fd);
        readInterest.clear(fd);
        writeInterest.clear(fd);
        while (highest >= 0 && !registered.isSet(highest)) {
            highest--;
        }
    }

    @Override
    public int wait(long timeoutNanos, ReadyEvents out) {
        out.clear();
        // "It's not safe to reuse FD sets after select()" (Redis ae_select.c): hand over copies.
        readReady.copyFrom(readInterest, highest);
        writeReady.copyFrom(writeInterest, highest);
        int n = select.select(highest + 1, readReady, writeReady, Timeouts.toMicros(timeoutNanos));
        if (n <= 0) {
            return 0;
        }
        int words = (highest >>> 6) + 1;
        for (int w = 0; w < words; w++) {
            long r = readReady.word(w);
            long wr = writeReady.word(w);
            long any = r | wr;
            while (any != 0) {
                int bit = Long.numberOfTrailingZeros(any);
                long mask = 1L << bit;
                any &= ~mask;
                int ready = ((r & mask) != 0 ? Ready.READ : 0) | ((wr & mask) != 0 ? Ready.WRITE : 0);
                out.add(w * 64 + bit, ready);
            }
        }
        return out.count();
    }

    @Override
    public void close() {
        select.close();
        readInterest.close();
        writeInterest.close();
        registered.close();
        readReady.close();
        writeReady.close();
    }

    private void setInterest(int fd, int interest) {
        if (SyscallTrace.on()) {
            SyscallTrace.line("· " + ((interest & Interest.READ) != 0 ? "FD_SET" : "FD_CLR") + "(" + SyscallTrace.fd(fd) + ", readfds), "
                    + ((interest & Interest.WRITE) != 0 ? "FD_SET" : "FD_CLR") + "(" + fd + ", writefds)");
        }
        if ((interest & Interest.READ) != 0) {
            readInterest.set(fd);
        } else {
            readInterest.clear(fd);
        }
        if ((interest & Interest.WRITE) != 0) {
            writeInterest.set(fd);
        } else {
            writeInterest.clear(fd);
        }
    }

    private void requireRegistered(int fd) {
        if (!registered.isSet(fd)) {
            throw new IllegalStateException("fd " + fd + " is not registered with select");
        }
    }
}
