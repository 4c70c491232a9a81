package io.muxlab.harness.peers;

import io.muxlab.core.cli.ServerMain;

/** Runs {@link NettyEchoServer} as its own process, with the options every echo server takes. */
public final class NettyMain {
    private NettyMain() {
    }

    public static void main(String[] args) {
        System.exit(ServerMain.run(PeerMains.spec(NettyEchoServer.NAME,
                "An echo server on Netty 4.1's native epoll transport with one event-loop thread.",
                PeerMains.NETTY_PORT, NettyEchoServer::new), args));
    }
}
