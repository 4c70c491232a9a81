package io.muxlab.harness.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The project's files as of the commit a report was made from, read through git ({@code git
 * ls-tree}, {@code git show COMMIT:PATH}), so the code the rendered docs link to is the code that
 * was measured, even if the work tree has moved on. Outside a git checkout (a source archive) it
 * reads the work tree instead and says so. git is a tool the harness asks, not a child it
 * measures, so it runs here directly with a bounded wait rather than through the child launcher.
 */
final class CodeTree {
    private static final long GIT_SECONDS = 30;

    private final Path root;
    /** The commit, or null when reading the work tree. */
    private final String commit;
    private final boolean dirty;
    private final Set<String> files;

    private CodeTree(Path root, String commit, boolean dirty, Set<String> files) {
        this.root = root;
        this.commit = commit;
        this.dirty = dirty;
        this.files = files;
    }

    /** The tree at HEAD of the checkout at {@code root}, else the work tree. */
    static CodeTree at(Path root) throws IOException {
        try {
            String head = git(root, "rev-parse", "HEAD").strip();
            boolean dirty = !git(root, "status", "--porcelain", "--untracked-files=no").isBlank();
            Set<String> files = new TreeSet<>(List.of(git(root, "ls-tree", "-r", "--name-only", head).split("\n")));
            files.remove("");
            return new CodeTree(root, head, dirty, files);
        } catch (IOException e) {
            return workTree(root);
        }
    }

    private static CodeTree workTree(Path root) throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith(".") && !p.contains("/.") && !p.contains("target/") && !p.startsWith("report/"))
                    .forEach(files::add);
        }
        return new CodeTree(root, null, false, files);
    }

    /** What the pages say they show: {@code commit 1a2b3c4d5e6f} (and whether the work tree differed), or the work tree. */
    String describe() {
        if (commit == null) {
            return "the work tree (not a git checkout)";
        }
        return "commit " + commit.substring(0, 12) + (dirty ? " (the work tree had uncommitted changes, not shown)" : "");
    }

    boolean isFile(String path) {
        return files.contains(path);
    }

    boolean isDirectory(String path) {
        String prefix = path.endsWith("/") ? path : path + "/";
        return !path.isEmpty() && files.stream().anyMatch(f -> f.startsWith(prefix));
    }

    /** Every file under {@code dir}, at any depth. */
    List<String> filesUnder(String dir) {
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        List<String> out = new ArrayList<>();
        for (String f : files) {
            if (f.startsWith(prefix)) {
                out.add(f);
            }
        }
        return out;
    }

    String read(String path) throws IOException {
        return commit == null ? Files.readString(root.resolve(path), StandardCharsets.UTF_8) : git(root, "show", commit + ":" + path);
    }

    private static String git(Path root, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", root.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(GIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("git " + String.join(" ", args) + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IOException("git " + String.join(" ", args) + " exited with " + p.exitValue());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running git", e);
        } finally {
            p.destroyForcibly();
        }
    }
}
