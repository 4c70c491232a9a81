package io.muxlab.harness.launch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Java runtime a child can run on: the harness's own, or another installed one (the
 * virtual-thread peer needs Java 21+ while the build and every other contender stay on 17). An
 * installed runtime is known by its {@code release} file, which every JDK and JRE since 9 carries,
 * so finding one starts no process.
 *
 * @param home the runtime's directory ({@code java.home})
 * @param version e.g. {@code 25.0.3}
 * @param vendor e.g. {@code Eclipse Adoptium}; empty if the release file does not say
 */
public record JavaRuntime(Path home, String version, String vendor) {
    /** The directories installers put JVMs in, each holding one runtime per subdirectory. */
    private static final List<Path> USUAL_DIRS = List.of(Path.of("/usr/lib/jvm"), Path.of("/usr/java"), Path.of("/opt/java"));

    /** The JVM the harness runs on. */
    public static JavaRuntime current() {
        return new JavaRuntime(Path.of(System.getProperty("java.home")), System.getProperty("java.version"),
                System.getProperty("java.vendor", ""));
    }

    /** The runtime at {@code path} (its home, or its {@code bin/java}), if it is one. */
    public static Optional<JavaRuntime> at(Path path) {
        Path home = path.toAbsolutePath().normalize();
        if (Files.isRegularFile(home) && home.getParent() != null && home.getParent().getFileName().toString().equals("bin")) {
            home = home.getParent().getParent();
        }
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin").resolve("java")) || !Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(release);
            String version = field(lines, "JAVA_VERSION");
            // The real path, so a runtime reached through two symlinks (Debian's java-17-… and java-1.17.0-…) is one.
            return version.isEmpty() ? Optional.empty()
                    : Optional.of(new JavaRuntime(home.toRealPath(), version, field(lines, "IMPLEMENTOR")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The runtime for contenders that need Java {@code feature}+: {@code named} if given (which must be
     * one), else the harness's own if new enough, else the newest found in {@code searched}.
     *
     * @throws IllegalArgumentException if {@code named} is not a Java runtime of that feature release or later
     */
    public static Optional<JavaRuntime> atLeast(int feature, Path named, List<Path> searched) {
        if (named != null) {
            JavaRuntime r = at(named).orElseThrow(() -> new IllegalArgumentException(
                    named + " is not a Java runtime (no bin/java and release file there)"));
            if (r.feature() < feature) {
                throw new IllegalArgumentException(named + " is Java " + r.version() + ", not Java " + feature + "+");
            }
            return Optional.of(r);
        }
        JavaRuntime own = current();
        if (own.feature() >= feature) {
            return Optional.of(own);
        }
        return found(searched).stream().filter(r -> r.feature() >= feature)
                .max(Comparator.comparingInt(JavaRuntime::feature).thenComparing(r -> r.home().toString()));
    }

    /** Where {@link #atLeast} looks: /usr/lib/jvm, /usr/java, /opt/java, and beside $JAVA_HOME and the harness's own JVM. */
    public static List<Path> usualDirs() {
        Set<Path> dirs = new LinkedHashSet<>(USUAL_DIRS);
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank() && Path.of(javaHome).toAbsolutePath().getParent() != null) {
            dirs.add(Path.of(javaHome).toAbsolutePath().getParent());
        }
        Path own = current().home().getParent();
        if (own != null) {
            dirs.add(own);
        }
        return List.copyOf(dirs);
    }

    /** The feature release: 17, 21, 25 (8 for {@code 1.8.0_392}). */
    public int feature() {
        String[] parts = version.split("[.+_-]");
        try {
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Its {@code java} launcher. */
    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    /** How the report names it: {@code Java 25.0.3 (Eclipse Adoptium, /usr/lib/jvm/temurin-25-jdk-amd64)}. */
    public String describe() {
        return "Java " + version + " (" + (vendor.isEmpty() ? "" : vendor + ", ") + home + ")";
    }

    private static List<JavaRuntime> found(List<Path> dirs) {
        List<JavaRuntime> out = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                for (Path child : children) {
                    at(child).filter(r -> !out.contains(r)).ifPresent(out::add);
                }
            } catch (IOException e) {
                // An unreadable directory holds no runtime we could start.
            }
        }
        return out;
    }

    private static String field(List<String> releaseLines, String name) {
        String prefix = name + "=";
        for (String line : releaseLines) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).replace("\"", "").trim();
            }
        }
        return "";
    }
}
