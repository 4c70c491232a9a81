package io.muxlab.harness.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the muxlab checkout the harness runs in (the directory whose pom.xml lists the harness
 * module, found by walking up from the working directory) and the runnable jars in it. The
 * contenders run from those jars, never from the harness's own class path, so each is exactly the
 * program a reader would start by hand.
 */
public final class ProjectRoot {
    private final Path root;

    private ProjectRoot(Path root) {
        this.root = root;
    }

    /** Walks up from {@code start}; fails with a clear message if no muxlab checkout contains it. */
    public static ProjectRoot find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && listsHarness(pom)) {
                return new ProjectRoot(dir);
            }
        }
        throw new IllegalStateException("cannot find the muxlab checkout: no pom.xml listing <module>harness</module> in "
                + start.toAbsolutePath() + " or above it; run the harness from inside the checkout");
    }

    public Path path() {
        return root;
    }

    /** {@code <module>/target/<module>.jar}, which must exist. */
    public Path jar(String module) {
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run `mvn -B -DskipTests package` in " + root + " first");
        }
        return jar;
    }

    private static boolean listsHarness(Path pom) {
        try {
            return Files.readString(pom).contains("<module>harness</module>");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        }
    }
}
