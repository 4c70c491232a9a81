package io.muxlab.harness.launch;

import io.muxlab.core.sys.FdSet;
import io.muxlab.epoll.EpollEchoMain;
import io.muxlab.epoll.EpollMultiplexer;
import io.muxlab.harness.peers.BlockingEchoServer;
import io.muxlab.harness.peers.BlockingMain;
import io.muxlab.harness.peers.NettyMain;
import io.muxlab.harness.peers.NettyTransport;
import io.muxlab.harness.peers.NioEchoServer;
import io.muxlab.harness.peers.NioMain;
import io.muxlab.harness.peers.VirtualThreadMain;
import io.muxlab.harness.peers.VirtualThreads;
import io.muxlab.poll.PollEchoMain;
import io.muxlab.poll.PollMultiplexer;
import io.muxlab.select.SelectEchoMain;
import io.muxlab.select.SelectMultiplexer;
import io.muxlab.uring.UringEchoMain;
import io.muxlab.uring.UringEchoServer;
import io.muxlab.uring.UringPollMultiplexer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The servers the harness knows by name, and how each is started. Every Java contender runs as
 * {@code java <ChildJvm.SERVER flags> -cp <its module's jar> <its main> --port 0}: the same JVM,
 * the same flags, the same options, so the only difference between two runs is the server. The one
 * exception is the JVM of the virtual-thread peer, which needs Java 21+ while the build targets 17;
 * the report names each contender's JVM. Names and main classes are the modules' own constants.
 * A contender on io_uring is asked first, by the same probe its main makes, whether the kernel lets
 * it run here; where it does not, it is listed as not run with the probe's reason.
 * The C twins of our servers ({@link CTwins}) are built-in too: native binaries with the same contract.
 */
public final class Contenders {
    /**
     * @param javaFeature the oldest Java feature release it runs on
     * @param ioUring why io_uring cannot be used here, if it cannot (empty for a contender that does not need it)
     */
    private record Builtin(Contender.Kind kind, String module, Class<?> main, List<String> args, int descriptorLimit,
            int javaFeature, Supplier<Optional<String>> ioUring) {
        Builtin(Contender.Kind kind, String module, Class<?> main, List<String> args, int descriptorLimit) {
            this(kind, module, main, args, descriptorLimit, BUILD_FEATURE, Optional::empty);
        }

        Builtin(Contender.Kind kind, String module, Class<?> main, List<String> args, Supplier<Optional<String>> ioUring) {
            this(kind, module, main, args, 0, BUILD_FEATURE, ioUring);
        }
    }

    /** The release the build targets, which every contender but the virtual-thread peer runs on. */
    private static final int BUILD_FEATURE = 17;

    private static final Map<String, Builtin> BUILTIN = new LinkedHashMap<>();
    private static final Map<String, String> TWINS = Map.of(CTwins.SELECT, SelectMultiplexer.NAME, CTwins.POLL,
            PollMultiplexer.NAME, CTwins.EPOLL, EpollMultiplexer.LEVEL_NAME);
    /** Each contender's io_uring probe answer by name, asked at most once per harness run (a ring set up and closed). */
    private static final Map<String, Optional<String>> PROBED = new ConcurrentHashMap<>();

    static {
        BUILTIN.put(SelectMultiplexer.NAME, new Builtin(Contender.Kind.OURS, "select-echo", SelectEchoMain.class, List.of(),
                FdSet.FD_SETSIZE));
        BUILTIN.put(PollMultiplexer.NAME, new Builtin(Contender.Kind.OURS, "poll-echo", PollEchoMain.class, List.of(), 0));
        BUILTIN.put(EpollMultiplexer.LEVEL_NAME, new Builtin(Contender.Kind.OURS, "epoll-echo", EpollEchoMain.class, List.of(), 0));
        BUILTIN.put(EpollMultiplexer.EDGE_NAME, new Builtin(Contender.Kind.OURS, "epoll-echo", EpollEchoMain.class,
                List.of("--edge-triggered"), 0));
        BUILTIN.put(UringPollMultiplexer.NAME, new Builtin(Contender.Kind.OURS, "uring-echo", UringEchoMain.class,
                List.of("--mode", "poll"), UringEchoMain::unavailable));
        BUILTIN.put(UringEchoServer.NAME, new Builtin(Contender.Kind.OURS, "uring-echo", UringEchoMain.class,
                List.of("--mode", "completion"), UringEchoMain::unavailable));
        BUILTIN.put(NioEchoServer.NAME, new Builtin(Contender.Kind.PEER, "harness", NioMain.class, List.of(), 0));
        for (NettyTransport t : NettyTransport.values()) {
            List<String> args = List.of("--transport", t.option());
            BUILTIN.put(t.serverName(), t == NettyTransport.IO_URING
                    ? new Builtin(Contender.Kind.PEER, "harness", NettyMain.class, args, t::unavailable)
                    : new Builtin(Contender.Kind.PEER, "harness", NettyMain.class, args, 0));
        }
        BUILTIN.put(BlockingEchoServer.NAME, new Builtin(Contender.Kind.PEER, "harness", BlockingMain.class, List.of(), 0));
        BUILTIN.put(BlockingEchoServer.VIRTUAL_NAME, new Builtin(Contender.Kind.PEER, "harness", VirtualThreadMain.class,
                List.of(), 0, VirtualThreads.MIN_FEATURE, Optional::empty));
    }

    private Contenders() {
    }

    /** Every built-in name, ours first, the C twins last. */
    public static List<String> names() {
        List<String> out = new ArrayList<>(BUILTIN.keySet());
        out.addAll(CTwins.NAMES);
        return out;
    }

    /**
     * The Java server a C twin mirrors (each C source's header says which: c-epoll is level-triggered
     * like epoll-lt), so that a report can draw the pair alike; empty for any other name.
     */
    public static Optional<String> twinOf(String name) {
        return Optional.ofNullable(TWINS.get(name));
    }

    public static boolean isBuiltin(String name) {
        return BUILTIN.containsKey(name) || CTwins.NAMES.contains(name);
    }

    /**
     * The built-in contender {@code name}, started from its jar under {@code root} (which must be
     * built): on the harness's own JVM, or, if it needs Java 21+, on {@code java21} (else on the
     * harness's own if that is 21+). Without such a runtime it is still listed, with why it is not run.
     *
     * @param java21 the Java 21+ runtime to use ({@link JavaRuntime#atLeast}), if there is one
     */
    public static Contender builtin(String name, ProjectRoot root, Optional<JavaRuntime> java21) {
        if (CTwins.NAMES.contains(name)) {
            return CTwins.contender(name, root, CTwins.compiler(System.getenv("PATH")));
        }
        Builtin b = BUILTIN.get(name);
        if (b == null) {
            throw new IllegalArgumentException("unknown server '" + name + "'; known: " + String.join(", ", names()));
        }
        List<String> args = new ArrayList<>(b.args());
        args.addAll(List.of("--port", "0"));
        JavaRuntime own = JavaRuntime.current();
        Optional<JavaRuntime> java = b.javaFeature() <= BUILD_FEATURE ? Optional.of(own)
                : java21.or(() -> Optional.of(own)).filter(r -> r.feature() >= b.javaFeature());
        String notRun = java.isPresent() ? null : "not run: needs Java " + b.javaFeature() + "+ (the harness runs on "
                + own.version() + "; give one with --java21 PATH, or install one in /usr/lib/jvm)";
        if (notRun == null) {
            notRun = PROBED.computeIfAbsent(name, k -> b.ioUring().get())
                    .map(Contenders::ioUringNotRun).orElse(null);
        }
        JavaRuntime runtime = java.orElse(own);
        List<String> cmd = ChildJvm.SERVER.command(runtime, root.jar(b.module()), b.main().getName(), args);
        return new Contender(name, b.kind(), cmd, true, true, b.descriptorLimit(), runtime.describe(), notRun);
    }

    /** The note of a contender whose io_uring the kernel refuses, with the probe's reason. */
    static String ioUringNotRun(String why) {
        return "not run: io_uring unavailable (" + why + ")";
    }

    /**
     * An external server from {@code NAME=COMMAND}: the command runs under {@code sh}, with
     * {@code {port}} replaced by a free port; the harness waits until the port accepts connections.
     */
    public static Contender external(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("--external takes NAME='COMMAND', not '" + spec + "'");
        }
        String name = spec.substring(0, eq).trim();
        String command = spec.substring(eq + 1).trim();
        if (!command.contains(Contender.PORT)) {
            throw new IllegalArgumentException("--external " + name + ": the command must contain " + Contender.PORT
                    + " where the port goes");
        }
        if (isBuiltin(name)) {
            throw new IllegalArgumentException("--external " + name + ": that name is taken by a built-in server");
        }
        return new Contender(name, Contender.Kind.EXTERNAL, List.of(command), false, false, 0, null, null);
    }
}
