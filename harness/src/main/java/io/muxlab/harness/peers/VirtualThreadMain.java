package io.muxlab.harness.peers;

import io.muxlab.core.cli.Cli;
import io.muxlab.core.cli.ServerMain;

/**
 * Runs {@link BlockingEchoServer#virtualThreads()} as its own process, with the options every echo
 * server takes. Needs a Java 21+ runtime; on an older one it says so in one line and exits 1.
 */
public final class VirtualThreadMain {
    private VirtualThreadMain() {
    }

    public static void main(String[] args) {
        String unavailable = VirtualThreads.unavailable();
        if (unavailable != null) {
            System.err.println(BlockingEchoServer.VIRTUAL_NAME + ": " + unavailable);
            System.exit(Cli.EXIT_FAILURE);
        }
        System.exit(ServerMain.run(PeerMains.spec(BlockingEchoServer.VIRTUAL_NAME,
                "The blocking echo server of 'blocking' with one virtual thread per connection (Java 21+): "
                        + "blocking code whose reads park on the JDK's epoll poller.",
                PeerMains.VIRTUAL_PORT, BlockingEchoServer::virtualThreads), args));
    }
}
