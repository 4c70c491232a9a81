package io.muxlab.harness.peers;

import io.muxlab.core.cli.Cli;
import io.muxlab.core.cli.ServerMain;
import io.muxlab.core.cli.UsageException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * Runs {@link NettyEchoServer} as its own process, with the options every echo server takes and
 * {@code --transport epoll|io_uring}. Where the transport cannot run (io_uring refused by the
 * kernel or a seccomp profile, a native library that does not load) it says why in one line and
 * exits 2, as {@code uring-echo} does.
 */
public final class NettyMain {
    static final String PROGRAM = "netty";

    private NettyMain() {
    }

    public static void main(String[] args) {
        List<String> argList = List.of(args);
        if (!argList.contains("--help") && !argList.contains("-h")) {
            int at = argList.indexOf("--transport");
            String named = at >= 0 && at + 1 < argList.size() ? argList.get(at + 1) : NettyTransport.EPOLL.option();
            Optional<String> why = NettyTransport.byOption(named).flatMap(NettyTransport::unavailable);
            if (why.isPresent()) {
                System.err.println(PROGRAM + ": " + why.get());
                System.exit(Cli.EXIT_USAGE);
            }
        }
        Options own = new Options();
        own.addOption(Option.builder().longOpt("transport").hasArg().argName("NAME")
                .desc("Netty's native transport: epoll (default, server name netty-epoll) or io_uring (netty-io_uring)")
                .build());
        System.exit(ServerMain.run(new ServerMain.Spec(PROGRAM,
                "An echo server on Netty 4.2 with one event-loop thread, on its native epoll transport (readiness) or its "
                        + "io_uring transport (completion): the same pipeline, only the transport differs.",
                PeerMains.NETTY_PORT, own, cmd -> {
                    String named = cmd.getOptionValue("transport", NettyTransport.EPOLL.option());
                    NettyTransport t = NettyTransport.byOption(named).orElseThrow(() -> new UsageException("--transport is "
                            + String.join(" or ", Arrays.stream(NettyTransport.values()).map(NettyTransport::option).toList())
                            + ", not '" + named + "'"));
                    return new NettyEchoServer(t);
                }), args));
    }
}
