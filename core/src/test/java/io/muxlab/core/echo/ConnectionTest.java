package io.muxlab.core.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.muxlab.core.mux.Ready;
import io.muxlab.core.sys.Fds;
import io.muxlab.core.sys.TestSockets;
import org.junit.jupiter.api.Test;

/**
 * The read policy of {@link Connection} on a real socketpair, with the readiness handed in by hand,
 * so the order of bytes, FIN and event is fixed rather than raced.
 */
class ConnectionTest extends SocketPairTest {

    private Connection connection(boolean edgeTriggered) {
        return new Connection(ours, LIMIT, edgeTriggered, new EchoCounters(), new Tracer(null), Pitfall.NONE);
    }

    private void peerSendsThenShutsDown(int bytes) {
        assertEquals(bytes, Fds.write(peer, scratch.address(), bytes));
        TestSockets.shutdown(peer, TestSockets.SHUT_WR);
    }

    @Test
    void edgeTriggeredShortReadWithReadClosedReadsOnToTheEndOfTheStream() {
        // Bytes and FIN both queued before the one edge: nothing will be reported again.
        peerSendsThenShutsDown(100);
        try (Connection c = connection(true)) {
            c.ready(Ready.READ | Ready.READ_CLOSED);
            c.transfer(32);
            assertEquals(0, c.pending(), "the 100 bytes were echoed back");
            assertEquals("peer closed", c.finished(), "the FIN behind the short read was seen");
        }
        assertEquals(100, Fds.read(peer, scratch.address(), LIMIT));
    }

    @Test
    void edgeTriggeredShortReadWithoutReadClosedStopsBeforeTheEagainRead() {
        assertEquals(100, Fds.write(peer, scratch.address(), 100));
        try (Connection c = connection(true)) {
            c.ready(Ready.READ);
            c.transfer(32);
            assertNull(c.finished());
            assertEquals(false, c.hasWork(), "a short read clears the read hint");
        }
        assertEquals(100, Fds.read(peer, scratch.address(), LIMIT));
    }

    @Test
    void levelTriggeredLeavesTheFinForTheNextReport() {
        peerSendsThenShutsDown(100);
        try (Connection c = connection(false)) {
            c.ready(Ready.READ | Ready.READ_CLOSED);
            c.transfer(32);
            assertNull(c.finished(), "one read per report; the kernel reports the FIN again");
            c.ready(Ready.READ | Ready.READ_CLOSED);
            c.transfer(32);
            assertEquals("peer closed", c.finished());
        }
    }
}
