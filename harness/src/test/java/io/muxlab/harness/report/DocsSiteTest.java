package io.muxlab.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.harness.launch.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project's own docs rendered into a folder that is then moved: every link in it still opens. */
class DocsSiteTest {
    private static final Pattern HREF = Pattern.compile("(?:href|src)=\"([^\"]*)\"");

    @Test
    void pathsResolveFromThePageAndNeverLeaveTheProject() {
        assertEquals("core/src/main/java/X.java", DocsSite.resolve("docs/a.md", "../core/src/main/java/X.java"));
        assertEquals("docs/b.md", DocsSite.resolve("README.md", "docs/b.md"));
        assertEquals("docs/b.md", DocsSite.resolve("docs/a.md", "./b.md"));
        assertNull(DocsSite.resolve("docs/a.md", "../../elsewhere"));
        assertEquals("harness.html", DocsSite.htmlName("docs/harness.md"));
        assertEquals("README.html", DocsSite.htmlName("README.md"));
    }

    @Test
    void theRenderedDocsOpenFromAMovedCopy(@TempDir Path tmp) throws IOException {
        Path root = ProjectRoot.find(Path.of("")).path();
        Path made = tmp.resolve("made");
        DocsSite.write(root, made);
        Files.writeString(made.resolve("index.html"), "the report");
        Path moved = tmp.resolve("elsewhere/moved");
        Files.createDirectories(moved.getParent());
        Files.move(made, moved);

        String harness = Files.readString(moved.resolve("docs/harness.html"));
        assertTrue(harness.contains("<table>"), "GitHub tables are rendered");
        assertTrue(harness.contains("href=\"select-poll-epoll.html\""), "links between pages point at the rendered pages");
        assertTrue(harness.contains("Rendered from docs/harness.md at "), "each page says what it was rendered from");
        assertTrue(Files.exists(moved.resolve("docs/start-here.html")));
        assertTrue(Files.readString(moved.resolve("docs/README.html")).contains("href=\"harness.html\""), "the README's docs/ links");

        List<String> broken = new ArrayList<>();
        List<Path> pages;
        try (Stream<Path> walk = Files.walk(moved)) {
            pages = walk.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertTrue(pages.size() > 20, "pages and the code they link to: " + pages.size());
        for (Path page : pages) {
            String html = Files.readString(page);
            Matcher m = HREF.matcher(html);
            while (m.find()) {
                String href = m.group(1);
                if (href.contains("://") || href.startsWith("mailto:")) {
                    continue;
                }
                int hash = href.indexOf('#');
                String file = hash < 0 ? href : href.substring(0, hash);
                Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!target.startsWith(moved) || !Files.isRegularFile(target)) {
                    broken.add(moved.relativize(page) + " -> " + href);
                } else if (hash >= 0 && !href.substring(hash + 1).isEmpty()
                        && !Files.readString(target).contains("id=\"" + href.substring(hash + 1) + "\"")) {
                    broken.add(moved.relativize(page) + " -> " + href + " (no such anchor)");
                }
            }
        }
        assertEquals(List.of(), broken);
    }
}
