package io.muxlab.harness;

import java.nio.file.Path;

/**
 * The harness's entry for {@code mvn -pl harness exec:java}, which runs it inside Maven's own JVM:
 * {@link Main#main} ends that JVM with the exit status, so Maven would never print its own result.
 * This one returns on success and throws on failure, which exec:java turns into BUILD FAILURE.
 */
public final class InProcessMain {
    private InProcessMain() {
    }

    public static void main(String[] args) {
        int status = Main.run(args, Path.of("").toAbsolutePath());
        if (status != 0) {
            throw new IllegalStateException(Main.PROGRAM + " ended with status " + status + " (its reasons are above)");
        }
    }
}
