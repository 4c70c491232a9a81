package io.muxlab.delay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a main class of this module's test classpath in its own JVM, and makes sure it ends. */
public final class ChildJvm {
    private ChildJvm() {
    }

    public static Process start(Class<?> main, String... args) throws IOException {
        return new ProcessBuilder(command(List.of("-Xmx256m"), main, args)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The command line that runs {@code main} with these JVM options (a heap limit, say) and arguments. */
    public static List<String> command(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Waits for a child to exit by itself (bounded); kills it and fails the wait if it does not. */
    public static int await(Process p, long seconds) throws InterruptedException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("child JVM did not finish within " + seconds + " s");
        }
        return p.exitValue();
    }

    /** SIGKILL, and wait until it is gone. */
    public static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }
}
