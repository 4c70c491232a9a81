package io.muxlab.harness.peers;

import io.muxlab.core.cli.ServerMain;
import io.muxlab.core.echo.EchoServer;
import java.util.function.Supplier;
import org.apache.commons.cli.Options;

/**
 * The {@link ServerMain.Spec} of each peer, so that every peer main is one line and every peer
 * takes the same options and prints the same first line and summary as our servers.
 */
final class PeerMains {
    /** Default ports, each apart from our servers' (select 7001 … uring 7004) so both may run by hand at once. */
    static final int NIO_PORT = 7007;
    static final int NETTY_PORT = 7005;
    static final int BLOCKING_PORT = 7006;
    static final int VIRTUAL_PORT = 7010;

    private PeerMains() {
    }

    static ServerMain.Spec spec(String program, String description, int port, Supplier<? extends EchoServer> server) {
        return new ServerMain.Spec(program, description, port, new Options(), cmd -> server.get());
    }
}
