package io.muxlab.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.muxlab.core.mux.Interest;
import io.muxlab.core.mux.Ready;
import io.muxlab.core.mux.ReadyEvents;
import io.muxlab.core.sys.Fds;
import io.muxlab.core.sys.TestSockets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** EPOLLRDHUP reaches the echo loop as READ_CLOSED: the one bit edge-triggered reading depends on. */
class EpollReadClosedTest {
    @ParameterizedTest(name = "edgeTriggered={0}")
    @ValueSource(booleans = {false, true})
    void peerShutdownOfItsWriteSideIsReportedAsReadClosed(boolean edgeTriggered) {
        int[] sv = TestSockets.socketPair();
        try (EpollMultiplexer mux = new EpollMultiplexer(edgeTriggered)) {
            mux.register(sv[0], Interest.READ);
            ReadyEvents events = new ReadyEvents(4);
            assertEquals(0, mux.wait(0, events), "nothing ready yet");
            TestSockets.shutdown(sv[1], TestSockets.SHUT_WR);
            events.clear();
            assertEquals(1, mux.wait(TimeUnit.SECONDS.toNanos(5), events));
            assertEquals(Ready.READ | Ready.READ_CLOSED, events.ready(0) & (Ready.READ | Ready.READ_CLOSED),
                    Ready.toString(events.ready(0)));
            mux.deregister(sv[0]);
        } finally {
            Fds.closeQuietly(sv[0]);
            Fds.closeQuietly(sv[1]);
        }
    }
}
