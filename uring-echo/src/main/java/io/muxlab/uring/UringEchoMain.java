package io.muxlab.uring;

import io.muxlab.core.cli.Cli;
import io.muxlab.core.cli.ServerMain;
import io.muxlab.core.cli.UsageException;
import io.muxlab.core.echo.MultiplexedEchoServer;
import io.muxlab.core.sys.IoUringSupport;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code java -jar uring-echo/target/uring-echo.jar [--mode completion|poll]}: the echo server on
 * io_uring, two ways. {@code completion} (the default, server name {@code uring}) is
 * {@link CompletionLoop}: the kernel accepts, receives and sends, and the loop only reaps results.
 * {@code poll} ({@code uring-poll}) is the shared readiness loop on {@link UringPollMultiplexer}:
 * io_uring used as a better epoll, readiness batched but reads and writes still syscalls.
 * Try both with {@code nc 127.0.0.1 7004} and {@code --trace}, and compare the summaries' syscalls.
 *
 * <p>Where the kernel refuses io_uring (a seccomp profile, {@code io_uring_disabled}, an old
 * kernel), it prints one line saying which call failed and why, and exits 2.
 */
public final class UringEchoMain {
    static final int DEFAULT_PORT = 7004;
    static final String PROGRAM = "uring-echo";
    /** What either mode needs of the kernel, probed once before anything else. */
    static final int[] OPCODES = IntStream.concat(IntStream.of(UringEchoServer.OPCODES), IntStream.of(UringPollMultiplexer.OPCODES))
            .toArray();

    private UringEchoMain() {
    }

    /**
     * Why neither mode can run here, if it cannot: the probe this main makes before anything else,
     * also asked by the harness, which then lists the contender as not run with this reason.
     */
    public static Optional<String> unavailable() {
        return IoUringSupport.unavailable(UringEchoServer.SETUP_FLAGS, OPCODES);
    }

    /** The completion loop, or a usage error for the shared options it does not take. */
    private static UringEchoServer completion(CommandLine cmd) throws UsageException {
        String refused = UringEchoServer.unsupported(ServerMain.config(cmd, DEFAULT_PORT));
        if (refused != null) {
            throw new UsageException(refused);
        }
        return new UringEchoServer();
    }

    public static void main(String[] args) {
        List<String> argList = List.of(args);
        if (!argList.contains("--help") && !argList.contains("-h")) {
            Optional<String> why = unavailable();
            if (why.isPresent()) {
                System.err.println(PROGRAM + ": io_uring unavailable: " + why.get());
                System.exit(Cli.EXIT_USAGE);
            }
        }
        Options own = new Options();
        own.addOption(Option.builder().longOpt("mode").hasArg().argName("MODE")
                .desc("completion (default, server name uring): the kernel accepts, receives and sends, the loop reaps "
                        + "completions, one io_uring_enter per turn; poll (uring-poll): the shared readiness loop on "
                        + "multishot IORING_OP_POLL_ADD, reads and writes still syscalls. --pitfall and --idle-timeout "
                        + "need --mode poll: the completion loop refuses them (exit 2)").build());
        System.exit(ServerMain.run(new ServerMain.Spec(PROGRAM,
                "An echo server on io_uring(7). Requests go into a submission ring shared with the kernel, results come "
                        + "back in a completion ring, and one io_uring_enter submits a whole turn of work and waits: "
                        + "--trace prints each enter and each completion (with --mode poll, the readiness loop's events); "
                        + "--trace=syscalls every call, io_uring_enter with what it submitted, waited for and returned.",
                DEFAULT_PORT, own, cmd -> switch (cmd.getOptionValue("mode", "completion")) {
                    case "completion" -> completion(cmd);
                    case "poll" -> new MultiplexedEchoServer(UringPollMultiplexer.NAME, UringPollMultiplexer::new);
                    default -> throw new UsageException("--mode is completion or poll, not '" + cmd.getOptionValue("mode") + "'");
                }), args));
    }
}
