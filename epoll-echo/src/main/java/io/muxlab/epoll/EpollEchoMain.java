package io.muxlab.epoll;

import io.muxlab.core.cli.Cli;
import io.muxlab.core.cli.ServerMain;
import io.muxlab.core.cli.UsageException;
import io.muxlab.core.echo.MultiplexedEchoServer;
import java.util.Locale;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code java -jar epoll-echo/target/epoll-echo.jar [--edge-triggered] [--loops N --accept MODEL]}: the echo
 * loop on {@link EpollMultiplexer}, once or on N threads. Try it with {@code nc 127.0.0.1 7003} and {@code --trace}, with and
 * without {@code --edge-triggered}, and compare the reads.
 */
public final class EpollEchoMain {
    static final int DEFAULT_PORT = 7003;
    static final int MAX_LOOPS = 256;

    private EpollEchoMain() {
    }

    public static void main(String[] args) {
        Options own = new Options();
        own.addOption(Option.builder().longOpt("edge-triggered")
                .desc("use EPOLLET: each readiness change is reported once, so the loop reads and writes until "
                        + "EAGAIN or a short read (server name epoll-et; default is level-triggered, epoll-lt)").build());
        own.addOption(Option.builder().longOpt("loops").hasArg().argName("N")
                .desc("run N event loops, each on its own thread with its own epoll instance (default 1); see docs/many-loops.md")
                .build());
        own.addOption(Option.builder().longOpt("accept").hasArg().argName("MODEL")
                .desc("how N loops share the port: shared (one listening socket in every loop's epoll set: every "
                        + "connection wakes every loop), exclusive (the same with EPOLLEXCLUSIVE: it wakes one), reuseport "
                        + "(one SO_REUSEPORT socket per loop: the kernel picks the loop) (default shared)").build());
        System.exit(ServerMain.run(new ServerMain.Spec("epoll-echo",
                "An echo server on epoll(7). Interest lives in the kernel (epoll_ctl once per change) and each "
                        + "wait returns only the ready descriptors: O(ready) per call, not O(connections).",
                DEFAULT_PORT, own, cmd -> {
                    boolean edge = cmd.hasOption("edge-triggered");
                    int loops = Cli.intOption(cmd, "loops", 1, 1, MAX_LOOPS);
                    MultiplexedEchoServer.Accept accept = acceptModel(cmd.getOptionValue("accept", "shared"));
                    return new MultiplexedEchoServer(edge ? EpollMultiplexer.EDGE_NAME : EpollMultiplexer.LEVEL_NAME,
                            () -> new EpollMultiplexer(edge), loops, accept);
                }), args));
    }

    /** The --accept model named on the command line. */
    static MultiplexedEchoServer.Accept acceptModel(String name) throws UsageException {
        for (MultiplexedEchoServer.Accept a : MultiplexedEchoServer.Accept.values()) {
            if (a.name().toLowerCase(Locale.ROOT).equals(name.trim())) {
                return a;
            }
        }
        throw new UsageException("--accept takes shared, exclusive or reuseport, not '" + name + "'");
    }
}
