package io.muxlab.select;

import io.muxlab.core.cli.ServerMain;
import io.muxlab.core.echo.MultiplexedEchoServer;
import org.apache.commons.cli.Options;

/**
 * {@code java -jar select-echo/target/select-echo.jar}: the echo loop on {@link SelectMultiplexer}.
 * Try it with {@code nc 127.0.0.1 7001} and {@code --trace}.
 */
public final class SelectEchoMain {
    static final int DEFAULT_PORT = 7001;

    private SelectEchoMain() {
    }

    public static void main(String[] args) {
        System.exit(ServerMain.run(new ServerMain.Spec("select-echo",
                "An echo server on select(2). Each wait copies the interest bitmaps and the kernel and the loop "
                        + "scan every descriptor up to the highest; descriptors >= FD_SETSIZE (1024) cannot be "
                        + "watched, and connections that get one are closed with a message.",
                DEFAULT_PORT, new Options(),
                cmd -> new MultiplexedEchoServer(SelectMultiplexer.NAME, SelectMultiplexer::new)), args));
    }
}
