package io.muxlab.harness.peers;

import io.muxlab.core.cli.ServerMain;

/** Runs {@link NioEchoServer} as its own process, with the options every echo server takes. */
public final class NioMain {
    private NioMain() {
    }

    public static void main(String[] args) {
        System.exit(ServerMain.run(PeerMains.spec(NioEchoServer.NAME,
                "An echo server on one JDK NIO Selector thread (epoll underneath, level-triggered), direct buffers.",
                PeerMains.NIO_PORT, NioEchoServer::new), args));
    }
}
