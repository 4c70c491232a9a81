package io.muxlab.core.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.mux.Interest;
import io.muxlab.core.mux.Multiplexer;
import io.muxlab.core.mux.Ready;
import io.muxlab.core.mux.ReadyEvents;
import io.muxlab.core.sys.EventFd;
import io.muxlab.core.sys.Fds;
import io.muxlab.core.sys.TestSockets;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each {@code --pitfall}'s symptom, shown without timing: the loop's own decisions over a bounded
 * number of turns, or a connection's reads on a socketpair whose bytes, FIN and events are put in
 * place by hand before it looks.
 */
class PitfallTest extends SocketPairTest {
    private static final int TURNS = 100;

    /** A multiplexer that reports nothing and remembers every timeout it was asked to wait. */
    private static final class RecordingMultiplexer implements Multiplexer {
        final List<Long> timeouts = new ArrayList<>();

        @Override
        public String name() {
            return "recording";
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
        }

        @Override
        public void modify(int fd, int interest) {
        }

        @Override
        public void deregister(int fd) {
        }

        @Override
        public int wait(long timeoutNanos, ReadyEvents out) {
            out.clear();
            timeouts.add(timeoutNanos);
            return 0;
        }

        @Override
        public void close() {
        }
    }

    private static List<Long> timeoutsOfAnIdleLoop(Pitfall pitfall) {
        RecordingMultiplexer mux = new RecordingMultiplexer();
        int[] turns = {0};
        try (EventFd wakeUp = new EventFd()) {
            EchoConfig config = EchoConfig.loopbackAnyPort().withPitfall(pitfall);
            new EchoLoop(mux, ours(), Interest.READ, wakeUp, config, new EchoCounters(), new ServerWide(), null,
                    new PrintStream(OutputStream.nullOutputStream()), () -> 0L).run(() -> turns[0]++ >= TURNS);
        }
        return mux.timeouts;
    }

    /** The listener is only ever handed to the recording multiplexer, which never reports it. */
    private static int ours() {
        return Integer.MAX_VALUE;
    }

    @Test
    void busyPollWaitsWithTimeoutZeroOnEveryTurnOfAnIdleLoop() {
        assertEquals(List.of(-1L), timeoutsOfAnIdleLoop(Pitfall.NONE).stream().distinct().toList(),
                "the correct loop blocks (forever) when nothing is due");
        List<Long> busy = timeoutsOfAnIdleLoop(Pitfall.BUSY_POLL);
        assertEquals(TURNS, busy.size());
        assertEquals(List.of(0L), busy.stream().distinct().toList(), "every one of " + TURNS + " waits returns at once");
    }

    private Connection connection(boolean edgeTriggered, Pitfall pitfall) {
        return new Connection(ours, LIMIT, edgeTriggered, new EchoCounters(), new Tracer(null), pitfall);
    }

    @Test
    void alwaysWritableAsksForWritabilityWithNothingToWrite() {
        try (Connection right = connection(false, Pitfall.NONE); Connection wrong = connection(false, Pitfall.ALWAYS_WRITABLE)) {
            assertEquals(Interest.READ, right.wantedInterest(), "idle: read interest only");
            assertEquals(Interest.READ_WRITE, wrong.wantedInterest(), "idle, and still asking to hear that the socket is writable");
        }
    }

    /** The peer sends {@code bytes}; returns how many the connection echoed back before it went quiet. */
    private long echoedBeforeQuiet(Connection c, int bytes) {
        assertEquals(bytes, Fds.write(peer, scratch.address(), bytes));
        c.ready(Ready.READ); // the one edge for all of it
        for (int turn = 0; turn < TURNS && c.hasWork(); turn++) {
            c.transfer(EchoLoop.TRANSFER_BUDGET);
        }
        long echoed = 0;
        for (long n = Fds.read(peer, scratch.address(), LIMIT); n > 0; n = Fds.read(peer, scratch.address(), LIMIT)) {
            echoed += n;
        }
        return echoed;
    }

    @Test
    void singleReadStallsAConnectionWithMoreThanOneBufferOfInput() {
        int bytes = EchoBuffer.INITIAL_CAPACITY * 3;
        try (Connection right = connection(true, Pitfall.NONE)) {
            assertEquals(bytes, echoedBeforeQuiet(right, bytes), "read until a short read: all of it");
        }
        try (Connection wrong = connection(true, Pitfall.SINGLE_READ)) {
            long echoed = echoedBeforeQuiet(wrong, bytes);
            assertEquals(EchoBuffer.INITIAL_CAPACITY, echoed, "one read per edge, then nothing: the rest waits for an edge that never comes");
            assertFalse(wrong.hasWork(), "and the loop has no reason to come back");
        }
    }

    @Test
    void ignoreRdhupHangsAPeerThatSendsAndHalfClosesAtOnce() {
        peerSendsAndHalfCloses();
        try (Connection right = connection(true, Pitfall.NONE)) {
            right.ready(Ready.READ | Ready.READ_CLOSED);
            right.transfer(EchoLoop.TRANSFER_BUDGET);
            assertEquals("peer closed", right.finished(), "read on past the short read to the FIN");
        }
        repair();
        peerSendsAndHalfCloses();
        try (Connection wrong = connection(true, Pitfall.IGNORE_RDHUP)) {
            wrong.ready(Ready.READ | Ready.READ_CLOSED);
            for (int turn = 0; turn < TURNS; turn++) {
                wrong.transfer(EchoLoop.TRANSFER_BUDGET);
            }
            assertNull(wrong.finished(), "the FIN is never read: the connection hangs, open, forever");
            assertFalse(wrong.hasWork(), "and the loop has no reason to come back");
        }
    }

    /** 100 bytes and the FIN, both queued before the connection looks: one edge for both. */
    private void peerSendsAndHalfCloses() {
        assertEquals(100, Fds.write(peer, scratch.address(), 100));
        TestSockets.shutdown(peer, TestSockets.SHUT_WR);
    }

    /** A fresh socketpair for the second half of a comparison. */
    private void repair() {
        Fds.closeQuietly(ours);
        Fds.closeQuietly(peer);
        int[] sv = TestSockets.socketPair();
        ours = sv[0];
        peer = sv[1];
    }

    @Test
    void unboundedHoldsWhatANeverReadingPeerSendsBeyondTheLimit() {
        try (Connection right = connection(false, Pitfall.NONE)) {
            assertTrue(heldAfterFlood(right) <= LIMIT, "the correct loop holds at most the limit");
        }
        repair();
        try (Connection wrong = connection(false, Pitfall.UNBOUNDED)) {
            long held = heldAfterFlood(wrong);
            assertTrue(held > 4L * LIMIT, "without a cap it holds " + held + " bytes, over four times the " + LIMIT + "-byte limit");
        }
    }

    /** The peer writes as much as the kernel takes, never reads, for a bounded number of rounds; the bytes the server then holds. */
    private long heldAfterFlood(Connection c) {
        for (int round = 0; round < 4 * TURNS; round++) {
            while (Fds.write(peer, scratch.address(), LIMIT) > 0) {
                // fill the kernel's buffers towards the server
            }
            c.ready(Ready.READ | Ready.WRITE);
            c.transfer(EchoLoop.TRANSFER_BUDGET);
        }
        return c.pending();
    }
}
