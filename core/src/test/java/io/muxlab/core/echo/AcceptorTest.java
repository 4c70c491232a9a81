package io.muxlab.core.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.mux.Interest;
import io.muxlab.core.mux.Multiplexer;
import io.muxlab.core.mux.ReadyEvents;
import io.muxlab.core.sys.Errno;
import io.muxlab.core.sys.Fds;
import io.muxlab.core.sys.SyscallException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * The accept policy out of descriptors, on an injected clock and a modelled {@code accept4}: no
 * sleeping, and no process run out of descriptors. Loops are driven turn by turn, each wait taking
 * exactly the timeout the loop asked for and reporting nothing, so only the retry can call accept4.
 */
class AcceptorTest {
    private static final int LISTENER = 3;
    private static final long SECOND = 1_000_000_000L;
    /** More turns than a paced loop takes in the simulated time: a spinning one stops here. */
    private static final int TURN_CAP = 10_000;

    private final AtomicLong now = new AtomicLong(SECOND);
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);
    private final ServerWide server = new ServerWide();
    private final Kernel kernel = new Kernel();
    private final IntConsumer served = fd -> { };

    /** accept4 as Linux orders it: a descriptor is taken first (EMFILE), then the backlog is looked at (EAGAIN). */
    private static final class Kernel {
        int freeDescriptors;
        int backlog;
        int calls;
        private int nextFd = 100;

        int accept4(int listenFd) {
            calls++;
            if (freeDescriptors == 0) {
                throw new SyscallException("accept4", Errno.EMFILE, "listening fd " + listenFd);
            }
            if (backlog == 0) {
                return Fds.WOULD_BLOCK;
            }
            backlog--;
            freeDescriptors--;
            return nextFd++;
        }
    }

    /** A loop's multiplexer as far as the acceptor uses it: whether the listener is in its interest set. */
    private static final class Listening implements Multiplexer {
        final Set<Integer> registered = new HashSet<>();

        @Override
        public String name() {
            return "model";
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
            assertTrue(registered.add(fd), "registered twice: " + fd);
        }

        @Override
        public void modify(int fd, int interest) {
            throw new AssertionError("the acceptor never modifies the listener");
        }

        @Override
        public void deregister(int fd) {
            assertTrue(registered.remove(fd), "not registered: " + fd);
        }

        @Override
        public int wait(long timeoutNanos, ReadyEvents out) {
            throw new AssertionError("the test waits for the loop");
        }

        @Override
        public void close() {
        }
    }

    /** One loop's acceptor and multiplexer, the listener registered as {@link EchoLoop#run} leaves it. */
    private record Loop(Acceptor acceptor, Listening mux) {
        boolean listening() {
            return mux.registered.contains(LISTENER);
        }
    }

    private Loop loop() {
        Listening mux = new Listening();
        mux.register(LISTENER, Interest.READ);
        return new Loop(new Acceptor(LISTENER, Interest.READ, mux, 1_000, server, new EchoCounters(), new Tracer(null), log,
                now::get, kernel::accept4), mux);
    }

    /** The listener was reported readable and the loop accepts: the turn {@link EchoLoop} makes then. */
    private void readable(Loop l) {
        l.acceptor().readable();
        l.acceptor().accept(served);
    }

    /**
     * Runs the loop for {@code nanos} of the clock with nothing reported ready: each turn waits for the
     * timeout the loop asks for (none if it has work left, the rest of the time if it asks for none)
     * and then accepts. At most {@link #TURN_CAP} turns.
     */
    private void idle(Loop l, long nanos) {
        long end = now.get() + nanos;
        int turns = 0;
        while (now.get() < end && turns < TURN_CAP) {
            long timeout = l.acceptor().hasWork() ? 0 : l.acceptor().timeoutNanos();
            now.set(timeout < 0 ? end : Math.min(end, now.get() + timeout));
            l.acceptor().accept(served);
            turns++;
        }
    }

    @Test
    void aPausedLoopWhoseRetryFindsTheBacklogEmptyListensAgainInsteadOfRetryingEveryTurn() {
        // Three loops share one listener: clients wait, and no descriptor is left, so all three pause.
        Loop a = loop();
        Loop b = loop();
        Loop c = loop();
        kernel.backlog = 4;
        readable(a);
        readable(b);
        readable(c);
        assertFalse(a.listening() || b.listening() || c.listening(), "out of descriptors: the listener leaves every wait");
        assertEquals(3, kernel.calls);

        // Descriptors come back; b's retry (one of its connections closed) takes every waiting client.
        kernel.freeDescriptors = 8;
        b.acceptor().descriptorFreed();
        b.acceptor().accept(served);
        assertEquals(0, kernel.backlog);
        assertTrue(b.listening());

        // a's retry is due and finds the backlog empty: EAGAIN, which accept4 returns only with a
        // descriptor to spare, so a's pause is over too. Staying paused, a retry time in the past
        // would make every wait a zero timeout: accept4 once per turn, up to the cap.
        int calls = kernel.calls;
        idle(a, SECOND);
        assertEquals(1, kernel.calls - calls, "accept4 calls in a second of an idle, recovered loop");
        assertTrue(a.listening(), "listening again: new clients wake the loop");
        assertEquals(-1, a.acceptor().timeoutNanos(), "nothing to retry: the loop may wait forever");

        idle(c, SECOND);
        assertTrue(c.listening());
        String log = logged.toString(StandardCharsets.UTF_8);
        assertEquals(1, lines("out of descriptors:"), log);
        assertEquals(1, lines("accepting again after 1000 ms out of descriptors (0 failed retries)"), log);
    }

    @Test
    void aPausedLoopRetriesOncePerIntervalAndOncePerCloseAndTheServerLogsTheEpisodeOnce() {
        Loop a = loop();
        Loop b = loop();
        kernel.backlog = 2;
        readable(a);
        now.addAndGet(Acceptor.RETRY_NANOS / 4);
        readable(b);
        assertEquals(Acceptor.RETRY_NANOS, b.acceptor().timeoutNanos());
        assertEquals(Acceptor.RETRY_NANOS * 3 / 4, a.acceptor().timeoutNanos(), "the wait shrinks as the retry nears");

        // A second: ten retries, each failing, and no more accept4 calls than that.
        int calls = kernel.calls;
        idle(a, SECOND);
        assertEquals(10, kernel.calls - calls, "retries in a second out of descriptors");
        assertFalse(a.listening());

        // A close retries at once, and (failing) moves the next timed retry a whole interval on.
        now.addAndGet(Acceptor.RETRY_NANOS / 2);
        a.acceptor().descriptorFreed();
        assertTrue(a.acceptor().hasWork());
        a.acceptor().accept(served);
        assertEquals(11, kernel.calls - calls);
        assertEquals(Acceptor.RETRY_NANOS, a.acceptor().timeoutNanos());

        // Descriptors free: a's retry takes both clients, then b's (its first: the test has not
        // turned b since it paused) finds none left, and the episode ends, counted from a's pause.
        kernel.freeDescriptors = 4;
        now.addAndGet(Acceptor.RETRY_NANOS);
        a.acceptor().accept(served);
        assertEquals(0, kernel.backlog);
        assertEquals(0, lines("accepting again"), "b is still out");
        b.acceptor().accept(served);
        assertTrue(a.listening() && b.listening());
        String log = logged.toString(StandardCharsets.UTF_8);
        assertEquals(1, lines("out of descriptors:"), "once per episode, for the server: " + log);
        assertEquals(1, lines("accepting again after 1175 ms out of descriptors (11 failed retries)"), log);
    }

    private long lines(String text) {
        return logged.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(text)).count();
    }
}
