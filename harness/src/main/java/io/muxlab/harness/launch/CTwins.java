package io.muxlab.harness.launch;

import io.muxlab.core.sys.FdSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The C twins of our select, poll and epoll servers ({@code harness/src/main/c/}, a screen each on
 * one shared header): compiled here with the system C compiler ({@code cc}) into
 * {@code harness/target/c/}, once, and again only when a source is newer than its binary. They
 * keep muxlab's server contract, counters requests included, so they run as built-in contenders
 * through the one launcher.
 * Without a compiler, or if it fails, each twin is listed with why it is not run, and everything
 * else runs. The compiler is a build tool the harness asks, not a child it measures, so it runs
 * here directly with a bounded wait.
 */
public final class CTwins {
    public static final String SELECT = "c-select";
    public static final String POLL = "c-poll";
    public static final String EPOLL = "c-epoll";
    /** Each twin's source, by contender name. */
    private static final Map<String, String> SOURCES = Map.of(SELECT, "c_select.c", POLL, "c_poll.c", EPOLL, "c_epoll.c");
    static final List<String> NAMES = List.of(SELECT, POLL, EPOLL);
    private static final String HEADER = "twin.h";
    private static final long COMPILE_SECONDS = 60;

    private CTwins() {
    }

    /** The twin {@code name}, compiled if it must be; with {@code not run: …} if it cannot be. */
    static Contender contender(String name, ProjectRoot root, Optional<Path> compiler) {
        int limit = name.equals(SELECT) ? FdSet.FD_SETSIZE : 0;
        if (compiler.isEmpty()) {
            return new Contender(name, Contender.Kind.OURS, List.of(name), true, false, limit, null,
                    "not run: no C compiler (cc) on PATH to build its twin from harness/src/main/c");
        }
        Path src = root.path().resolve("harness/src/main/c");
        Path binary = root.path().resolve("harness/target/c").resolve(name);
        try {
            compile(compiler.get(), src.resolve(SOURCES.get(name)), src.resolve(HEADER), binary);
        } catch (IOException e) {
            return new Contender(name, Contender.Kind.OURS, List.of(name), true, false, limit, null, "not run: " + e.getMessage());
        }
        return new Contender(name, Contender.Kind.OURS, List.of(binary.toString(), "--port", "0"), true, true, limit,
                "native, compiled by " + compilerVersion(compiler.get()), null);
    }

    /** {@code cc} on PATH, if there is one. */
    static Optional<Path> compiler(String path) {
        return ChildProcess.onPath("cc", path);
    }

    private static void compile(Path cc, Path source, Path header, Path binary) throws IOException {
        if (Files.isRegularFile(binary) && newer(binary, source) && newer(binary, header)) {
            return;
        }
        Files.createDirectories(binary.getParent());
        Path log = binary.resolveSibling(binary.getFileName() + ".log");
        List<String> cmd = List.of(cc.toString(), "-O2", "-Wall", "-o", binary.toString(), source.toString());
        int status = run(cmd, log);
        if (status != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String first = lines.stream().filter(l -> l.contains("error")).findFirst().orElse(lines.isEmpty() ? "" : lines.get(0));
            throw new IOException(cc + " failed (status " + status + ") on " + source.getFileName() + ": " + first.strip()
                    + " (all of it in " + log + ")");
        }
    }

    private static boolean newer(Path a, Path b) throws IOException {
        FileTime ta = Files.getLastModifiedTime(a);
        return ta.compareTo(Files.getLastModifiedTime(b)) > 0;
    }

    /** The compiler's first line of {@code --version}, e.g. {@code cc (Debian 12.2.0-14) 12.2.0}. */
    private static String compilerVersion(Path cc) {
        try {
            Path log = Files.createTempFile("cc-version", ".txt");
            try {
                run(List.of(cc.toString(), "--version"), log);
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return lines.isEmpty() ? cc.toString() : lines.get(0).strip();
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return cc.toString();
        }
    }

    private static int run(List<String> cmd, Path log) throws IOException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(COMPILE_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException(String.join(" ", cmd) + " did not finish within " + COMPILE_SECONDS + " s");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + cmd.get(0), e);
        } finally {
            p.destroyForcibly();
        }
    }
}
