package io.muxlab.harness.peers;

import io.muxlab.core.cli.ServerMain;

/** Runs {@link BlockingEchoServer} as its own process, with the options every echo server takes. */
public final class BlockingMain {
    private BlockingMain() {
    }

    public static void main(String[] args) {
        System.exit(ServerMain.run(PeerMains.spec(BlockingEchoServer.NAME,
                "A blocking echo server with one thread per connection: no multiplexing at all.",
                PeerMains.BLOCKING_PORT, BlockingEchoServer::platformThreads), args));
    }
}
