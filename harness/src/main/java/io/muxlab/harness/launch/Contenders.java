package io.muxlab.harness.launch;

import io.muxlab.core.sys.FdSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers the harness knows by name, and how each is started. Every Java contender runs as
 * {@code java <JVM_FLAGS> -cp <its module's jar> <its main> --port 0}: the same JVM, the same
 * flags, the same options, so the only difference between two runs is the server.
 */
public final class Contenders {
    /** The JVM flags every Java contender gets (a fixed heap so GC sizing is not a variable). */
    public static final List<String> JVM_FLAGS = List.of("-Xms256m", "-Xmx256m", "-XX:+UseParallelGC");

    private record Builtin(Contender.Kind kind, String module, String main, List<String> args, int descriptorLimit) {
    }

    private static final Map<String, Builtin> BUILTIN = new LinkedHashMap<>();

    static {
        BUILTIN.put("select", new Builtin(Contender.Kind.OURS, "select-echo", "io.muxlab.select.SelectEchoMain", List.of(), FdSet.FD_SETSIZE));
        BUILTIN.put("poll", new Builtin(Contender.Kind.OURS, "poll-echo", "io.muxlab.poll.PollEchoMain", List.of(), 0));
        BUILTIN.put("epoll-lt", new Builtin(Contender.Kind.OURS, "epoll-echo", "io.muxlab.epoll.EpollEchoMain", List.of(), 0));
        BUILTIN.put("epoll-et", new Builtin(Contender.Kind.OURS, "epoll-echo", "io.muxlab.epoll.EpollEchoMain",
                List.of("--edge-triggered"), 0));
        BUILTIN.put("jdk-nio", new Builtin(Contender.Kind.PEER, "harness", "io.muxlab.harness.peers.NioMain", List.of(), 0));
        BUILTIN.put("netty-epoll", new Builtin(Contender.Kind.PEER, "harness", "io.muxlab.harness.peers.NettyMain", List.of(), 0));
        BUILTIN.put("blocking", new Builtin(Contender.Kind.PEER, "harness", "io.muxlab.harness.peers.BlockingMain", List.of(), 0));
    }

    private Contenders() {
    }

    /** Every built-in name, ours first. */
    public static List<String> names() {
        return List.copyOf(BUILTIN.keySet());
    }

    public static boolean isBuiltin(String name) {
        return BUILTIN.containsKey(name);
    }

    /** The built-in contender {@code name}, started from its jar under {@code root} (which must be built). */
    public static Contender builtin(String name, ProjectRoot root) {
        Builtin b = BUILTIN.get(name);
        if (b == null) {
            throw new IllegalArgumentException("unknown server '" + name + "'; known: " + String.join(", ", names()));
        }
        Path jar = root.jar(b.module());
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_FLAGS);
        cmd.add("-cp");
        cmd.add(jar.toString());
        cmd.add(b.main());
        cmd.addAll(b.args());
        cmd.add("--port");
        cmd.add("0");
        return new Contender(name, b.kind(), cmd, true, b.descriptorLimit());
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
        if (BUILTIN.containsKey(name)) {
            throw new IllegalArgumentException("--external " + name + ": that name is taken by a built-in server");
        }
        return new Contender(name, Contender.Kind.EXTERNAL, List.of(command), false, 0);
    }
}
