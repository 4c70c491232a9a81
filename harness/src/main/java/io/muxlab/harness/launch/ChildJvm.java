package io.muxlab.harness.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVMs the harness starts its Java children on, and the one place their flags are set. Every
 * child of a kind gets the same flags, so two runs differ only in what they measure; the report
 * prints each section's flags beside its figures.
 *
 * @param flags what goes between {@code java} and {@code -cp}
 */
public record ChildJvm(List<String> flags) {
    /** Echo servers, ours and the peers: a fixed heap, so GC sizing is not a variable. */
    public static final ChildJvm SERVER = new ChildJvm(List.of("-Xms256m", "-Xmx256m", "-XX:+UseParallelGC"));
    /**
     * Timer and delay-queue workloads. A million live timers or queued tasks hold a few hundred MB of
     * heap: under the servers' 256 MB such a run would measure the collector, not the timers or the queue.
     */
    public static final ChildJvm WORKLOAD = new ChildJvm(List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"));

    public ChildJvm {
        flags = List.copyOf(flags);
    }

    /** {@code java <flags> -cp <jar> <main> <args>}, on the JVM the harness itself runs on. */
    public List<String> command(Path jar, String mainClass, List<String> args) {
        return command(JavaRuntime.current(), jar, mainClass, args);
    }

    /** The same on {@code java} (the virtual-thread peer's Java 21+ when the harness runs on 17). */
    public List<String> command(JavaRuntime java, Path jar, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.java().toString());
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(jar.toString());
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }
}
