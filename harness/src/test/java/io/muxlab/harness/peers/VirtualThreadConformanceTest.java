package io.muxlab.harness.peers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.muxlab.core.echo.EchoServer;
import io.muxlab.core.echo.EchoServerConformance;
import org.junit.jupiter.api.BeforeEach;

/**
 * The shared echo conformance suite against {@link BlockingEchoServer#virtualThreads()}. It runs when
 * the tests run on Java 21+; on an older JVM every check is skipped with the reason.
 */
class VirtualThreadConformanceTest extends EchoServerConformance {
    @BeforeEach
    void needsVirtualThreads() {
        String why = VirtualThreads.unavailable();
        assumeTrue(why == null, why);
    }

    @Override
    protected EchoServer newServer() {
        return BlockingEchoServer.virtualThreads();
    }

    @Override
    protected String cannotMeet(Check check) {
        if (check == Check.DESCRIPTOR_EXHAUSTION) {
            return "the check reads accept4 calls from the summary, and a peer's syscalls are the JDK's, not counted";
        }
        return null;
    }
}
