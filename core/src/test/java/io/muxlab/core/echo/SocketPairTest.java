package io.muxlab.core.echo;

import io.muxlab.core.sys.Fds;
import io.muxlab.core.sys.NativeMemory;
import io.muxlab.core.sys.TestSockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh socketpair per test, one end the connection's ({@code ours}), one the peer's, and a
 * native scratch buffer for the peer's bytes: the fixture of the tests that drive one
 * {@link Connection} by hand, so bytes, FIN and events are put in place before it looks.
 */
abstract class SocketPairTest {
    static final int LIMIT = 64 * 1024;

    int ours = -1;
    int peer = -1;
    NativeMemory scratch;

    @BeforeEach
    void pair() {
        int[] sv = TestSockets.socketPair();
        ours = sv[0];
        peer = sv[1];
        scratch = NativeMemory.allocate(LIMIT);
    }

    @AfterEach
    void release() {
        scratch.close();
        Fds.closeQuietly(ours);
        Fds.closeQuietly(peer);
    }
}
