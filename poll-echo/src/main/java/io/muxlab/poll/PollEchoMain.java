package io.muxlab.poll;

import io.muxlab.core.cli.ServerMain;
import io.muxlab.core.echo.MultiplexedEchoServer;
import org.apache.commons.cli.Options;

/**
 * {@code java -jar poll-echo/target/poll-echo.jar}: the echo loop on {@link PollMultiplexer}.
 * Try it with {@code nc 127.0.0.1 7002} and {@code --trace}.
 */
public final class PollEchoMain {
    static final int DEFAULT_PORT = 7002;

    private PollEchoMain() {
    }

    public static void main(String[] args) {
        System.exit(ServerMain.run(new ServerMain.Spec("poll-echo",
                "An echo server on poll(2). Each wait hands the kernel the whole pollfd array, and the loop scans "
                        + "it for the ready entries: no descriptor limit, but O(connections) per call.",
                DEFAULT_PORT, new Options(),
                cmd -> new MultiplexedEchoServer(PollMultiplexer.NAME, PollMultiplexer::new)), args));
    }
}
