package io.muxlab.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The harness's packages in layers, lowest first: a package may import its own layer's packages
 * only if it is one of them, and any lower layer's. So {@code run} knows no concrete section,
 * {@code run} and {@code report} do not import each other, and {@code report} knows rows and
 * sections (and the drawing kit), not how they were run.
 */
class PackageArrowsTest {
    private static final List<Set<String>> LAYERS = List.of(
            Set.of("bench", "load", "peers", "measure", "format"),
            Set.of("launch"),
            Set.of("section"),
            Set.of("run", "report", "echo", "timers", "delay", "pitfalls", "loops", "waitcost"),
            Set.of(""));
    private static final Path SOURCES = Path.of("src/main/java/io/muxlab/harness");
    private static final Pattern IMPORT = Pattern.compile("^import io\\.muxlab\\.harness\\.(?:([a-z]+)\\.)?[A-Z]", Pattern.MULTILINE);

    @Test
    void everyImportPointsDown() throws IOException {
        List<String> wrong = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(files.size() > 50, "found the harness's sources in " + SOURCES.toAbsolutePath());
        for (Path file : files) {
            Path dir = SOURCES.relativize(file).getParent();
            String own = dir == null ? "" : dir.toString();
            int layer = layer(own);
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                String target = m.group(1) == null ? "" : m.group(1);
                int to = layer(target);
                if (!target.equals(own) && to >= layer) {
                    wrong.add(SOURCES.relativize(file) + " imports " + (target.isEmpty() ? "the root package" : target));
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    private static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        throw new AssertionError("package '" + pkg + "' is in no layer of " + PackageArrowsTest.class.getSimpleName());
    }
}
