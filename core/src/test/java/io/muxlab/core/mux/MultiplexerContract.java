package io.muxlab.core.mux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.muxlab.core.sys.EventFd;
import io.muxlab.core.sys.Fds;
import io.muxlab.core.sys.NativeMemory;
import io.muxlab.core.sys.ProcFs;
import io.muxlab.core.sys.TestSockets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The readiness contract, once, for every {@link Multiplexer}: a module subclasses it and says how
 * to make its multiplexer. Descriptors are non-blocking Unix socket pairs, so readiness is caused
 * by our own writes and closes, never by timing.
 *
 * <p>Timing is asserted only from below (a wait that should block did block); no upper bound on
 * how fast anything happens, so a busy machine cannot fail these tests.
 */
public abstract class MultiplexerContract {
    private static final long LONG_WAIT = 10_000_000_000L;
    private static final long SHORT_WAIT = 30_000_000L;

    /** A new multiplexer of the kind under test. */
    protected abstract Multiplexer newMultiplexer();

    private long liveBytesBefore;
    private Multiplexer mux;
    private NativeMemory buffer;
    private final List<Integer> open = new ArrayList<>();
    private final ReadyEvents events = new ReadyEvents(4);

    @BeforeEach
    void setUp() {
        liveBytesBefore = NativeMemory.liveBytes();
        mux = newMultiplexer();
        buffer = NativeMemory.allocate(64);
    }

    @AfterEach
    void tearDown() {
        mux.close();
        buffer.close();
        open.forEach(Fds::closeQuietly);
        assertEquals(liveBytesBefore, NativeMemory.liveBytes(), "native memory left behind after close()");
    }

    @Test
    void hasAName() {
        assertFalse(mux.name().isBlank());
    }

    @Test
    void waitWithATimeoutReturnsNothingWhenNothingIsReady() {
        int[] pair = pair();
        mux.register(pair[0], Interest.READ);
        long start = System.nanoTime();
        assertEquals(0, mux.wait(SHORT_WAIT, events));
        assertEquals(0, events.count());
        assertTrue(System.nanoTime() - start >= SHORT_WAIT - 2_000_000L, "a 30 ms wait returned early");
    }

    @Test
    void subMillisecondTimeoutBlocksInsteadOfReturningAtOnce() {
        int[] pair = pair();
        mux.register(pair[0], Interest.READ);
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            assertEquals(0, mux.wait(300_000L, events));
            long waited = System.nanoTime() - start;
            assertTrue(waited >= 250_000L, "a 0.3 ms wait returned after " + waited + " ns: rounded down to a busy 0?");
        }
    }

    @Test
    void zeroTimeoutDoesNotBlock() {
        int[] pair = pair();
        mux.register(pair[0], Interest.READ);
        assertEquals(0, mux.wait(0, events));
    }

    @Test
    void reportsReadableWhenBytesArrive() {
        int[] pair = pair();
        mux.register(pair[0], Interest.READ);
        send(pair[1]);
        assertTrue(mux.wait(LONG_WAIT, events) >= 1);
        assertTrue((readyBits(pair[0]) & Ready.READ) != 0, "not readable: " + Ready.toString(readyBits(pair[0])));
    }

    @Test
    void reportsWritableForASocketWithRoom() {
        int[] pair = pair();
        mux.register(pair[0], Interest.WRITE);
        assertTrue(mux.wait(LONG_WAIT, events) >= 1);
        assertEquals(Ready.WRITE, readyBits(pair[0]));
    }

    @Test
    void reportsOnlyTheDescriptorsThatAreReady() {
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int[] pair = pair();
            pairs.add(pair);
            mux.register(pair[0], Interest.READ);
        }
        send(pairs.get(1)[1]);
        send(pairs.get(3)[1]);
        assertEquals(2, mux.wait(LONG_WAIT, events));
        for (int i = 0; i < pairs.size(); i++) {
            boolean expected = i == 1 || i == 3;
            assertEquals(expected, readyBits(pairs.get(i)[0]) != 0, "pair " + i);
        }
    }

    @Test
    void modifyReplacesTheInterest() {
        int[] pair = pair();
        mux.register(pair[0], Interest.NONE);
        send(pair[1]);
        mux.wait(SHORT_WAIT, events);
        assertEquals(0, readyBits(pair[0]), "reported with no interest");

        mux.modify(pair[0], Interest.READ);
        mux.wait(LONG_WAIT, events);
        assertEquals(Ready.READ, readyBits(pair[0]));

        mux.modify(pair[0], Interest.WRITE);
        mux.wait(LONG_WAIT, events);
        assertEquals(Ready.WRITE, readyBits(pair[0]), "read interest should be gone, write interest there");

        mux.modify(pair[0], Interest.NONE);
        mux.wait(SHORT_WAIT, events);
        assertEquals(0, readyBits(pair[0]));
    }

    @Test
    void deregisteredDescriptorsAreNotReportedAndMayBeRegisteredAgain() {
        int[] pair = pair();
        mux.register(pair[0], Interest.READ);
        send(pair[1]);
        mux.deregister(pair[0]);
        assertEquals(0, mux.wait(SHORT_WAIT, events));

        mux.register(pair[0], Interest.READ);
        mux.wait(LONG_WAIT, events);
        assertEquals(Ready.READ, readyBits(pair[0]) & Ready.READ);
    }

    @Test
    void reportsPeerHangUpAsReadableOrHangUpAndTheReadFindsTheEnd() {
        int[] pair = pair();
        mux.register(pair[0], Interest.READ);
        Fds.close(pair[1]);
        open.remove(Integer.valueOf(pair[1]));
        assertTrue(mux.wait(LONG_WAIT, events) >= 1);
        int bits = readyBits(pair[0]);
        assertTrue((bits & (Ready.READ | Ready.HANGUP)) != 0, "hang-up reported as " + Ready.toString(bits));
        assertEquals(0, Fds.read(pair[0], buffer.address(), 1), "read after hang-up should find end of stream");
    }

    @Test
    void wakesUpWhenAnotherThreadSignalsAnEventFd() throws InterruptedException {
        try (EventFd wakeUp = new EventFd()) {
            mux.register(wakeUp.fd(), Interest.READ);
            Thread signaller = new Thread(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                wakeUp.signal();
            });
            signaller.start();
            long start = System.nanoTime();
            int n = mux.wait(LONG_WAIT, events);
            long waited = System.nanoTime() - start;
            signaller.join();
            assertEquals(1, n, "woken by the signal, not by the timeout (waited " + waited / 1_000_000 + " ms)");
            assertEquals(Ready.READ, readyBits(wakeUp.fd()));
            assertEquals(1, wakeUp.drain());
            mux.deregister(wakeUp.fd());
        }
    }

    /** Level-triggered: reported while ready. Edge-triggered: reported once per change. */
    @Test
    void reportsAgainWhileReadyOnlyIfLevelTriggered() {
        int[] pair = pair();
        mux.register(pair[0], Interest.READ);
        send(pair[1]);
        mux.wait(LONG_WAIT, events);
        assertEquals(Ready.READ, readyBits(pair[0]));

        // Nothing read: still readable.
        mux.wait(SHORT_WAIT, events);
        if (mux.edgeTriggered()) {
            assertEquals(0, readyBits(pair[0]), "edge-triggered reported a descriptor twice without a new edge");
            send(pair[1]);
            mux.wait(LONG_WAIT, events);
            assertEquals(Ready.READ, readyBits(pair[0]), "new bytes are a new edge");
        } else {
            assertEquals(Ready.READ, readyBits(pair[0]), "level-triggered must report a still-readable descriptor");
        }
    }

    @Test
    void refusesADescriptorBeyondItsLimit() {
        assumeTrue(mux.maxFd() < Integer.MAX_VALUE, mux.name() + " has no descriptor limit of its own");
        int high = -1;
        for (int i = 0; i < mux.maxFd() && high <= mux.maxFd(); i++) {
            int[] pipe = Fds.pipe();
            open.add(pipe[0]);
            open.add(pipe[1]);
            high = Math.max(pipe[0], pipe[1]);
        }
        int beyond = high;
        assertTrue(beyond > mux.maxFd());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mux.register(beyond, Interest.READ));
        assertTrue(e.getMessage().contains(String.valueOf(mux.maxFd() + 1)), "message should name the limit: " + e.getMessage());
    }

    @Test
    void closeReleasesTheKernelObjectAndNativeMemory() {
        long fds = ProcFs.kernelObjects();
        long bytes = NativeMemory.liveBytes();
        Multiplexer other = newMultiplexer();
        int[] pair = pair();
        other.register(pair[0], Interest.READ);
        other.deregister(pair[0]);
        Fds.close(pair[0]);
        Fds.close(pair[1]);
        open.clear();
        other.close();
        assertEquals(fds, ProcFs.kernelObjects(), "descriptors left open");
        assertEquals(bytes, NativeMemory.liveBytes(), "native memory left allocated");
    }

    private int[] pair() {
        int[] pair = TestSockets.socketPair();
        open.add(pair[0]);
        open.add(pair[1]);
        return pair;
    }

    private void send(int fd) {
        buffer.pointer().putByte(0, (byte) 'x');
        assertEquals(1, Fds.write(fd, buffer.address(), 1));
    }

    /** The ready bits the last wait reported for {@code fd}, 0 if it was not reported. */
    private int readyBits(int fd) {
        for (int i = 0; i < events.count(); i++) {
            if (events.fd(i) == fd) {
                return events.ready(i);
            }
        }
        return 0;
    }
}
