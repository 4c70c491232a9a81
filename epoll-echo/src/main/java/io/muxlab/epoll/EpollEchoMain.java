package io.muxlab.epoll;

import io.muxlab.core.cli.ServerMain;
import io.muxlab.core.echo.MultiplexedEchoServer;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code java -jar epoll-echo/target/epoll-echo.jar [--edge-triggered]}: the echo loop on
 * {@link EpollMultiplexer}. Try it with {@code nc 127.0.0.1 7003} and {@code --trace}, with and
 * without {@code --edge-triggered}, and compare the reads.
 */
public final class EpollEchoMain {
    static final int DEFAULT_PORT = 7003;

    private EpollEchoMain() {
    }

    public static void main(String[] args) {
        Options own = new Options();
        own.addOption(Option.builder().longOpt("edge-triggered")
                .desc("use EPOLLET: each readiness change is reported once, so the loop reads and writes until "
                        + "EAGAIN or a short read (server name epoll-et; default is level-triggered, epoll-lt)").build());
        System.exit(ServerMain.run(new ServerMain.Spec("epoll-echo",
                "An echo server on epoll(7). Interest lives in the kernel (epoll_ctl once per change) and each "
                        + "wait returns only the ready descriptors: O(ready) per call, not O(connections).",
                DEFAULT_PORT, own, cmd -> {
                    boolean edge = cmd.hasOption("edge-triggered");
                    return new MultiplexedEchoServer(edge ? EpollMultiplexer.EDGE_NAME : EpollMultiplexer.LEVEL_NAME,
                            () -> new EpollMultiplexer(edge));
                }), args));
    }
}
