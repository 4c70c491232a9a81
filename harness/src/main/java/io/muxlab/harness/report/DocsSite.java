package io.muxlab.harness.report;

import io.muxlab.harness.format.Html;
import io.muxlab.harness.format.Markdown;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The docs beside the report: {@code README.md} and every {@code docs/*.md} rendered into
 * {@code <out>/docs/}, and every piece of code they link to rendered into {@code <out>/code/} as
 * of the commit the report was made from ({@link CodeTree}). Links between pages become links
 * between the rendered pages, code links point at the rendered code, so the report folder can be
 * moved or sent whole and every link in it still opens.
 */
public final class DocsSite {
    /** Where the pages go, relative to the report folder. */
    public static final String DIR = "docs";
    static final String CODE = "code";
    private static final Pattern RANGE = Pattern.compile("L(\\d+)-L\\d+");
    private static final String CSS = """
            body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222;line-height:1.5}
            nav{font-size:.9em;border-bottom:1px solid #ccc;padding-bottom:.4em} footer{font-size:.85em;color:#666;margin-top:3em}
            pre{background:#f6f6f6;padding:.6em;overflow-x:auto} code{background:#f6f6f6}
            table{border-collapse:collapse} th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
            pre.code a{color:#999;text-decoration:none;display:inline-block;width:3.5em;text-align:right;margin-right:1em}
            pre.code a:target,pre.code span:target+a{background:#ffe680;color:#222} h1 code{font-size:.6em}
            """;

    private DocsSite() {
    }

    /** Renders the pages of the project at {@code root} and the code they link to under {@code out}. */
    public static void write(Path root, Path out) throws IOException {
        CodeTree tree = CodeTree.at(root);
        List<String> pages = pages(tree);
        // Each code path linked to, and the GitHub-style line ranges (L63-L84) its links ask for.
        Map<String, Set<String>> code = new LinkedHashMap<>();
        Files.createDirectories(out.resolve(DIR));
        for (String page : pages) {
            String markdown = tree.read(page);
            String body = Markdown.html(markdown, href -> {
                String rewritten = rewrite(page, href, pages, tree);
                String target = codeTarget(page, href, tree);
                if (target != null) {
                    Set<String> anchors = code.computeIfAbsent(target, t -> new TreeSet<>());
                    int hash = href.indexOf('#');
                    if (hash >= 0 && RANGE.matcher(href.substring(hash + 1)).matches()) {
                        anchors.add(href.substring(hash + 1));
                    }
                }
                return rewritten;
            });
            String title = Markdown.title(markdown, page);
            Files.writeString(out.resolve(DIR).resolve(htmlName(page)),
                    page(title, "", body, "Rendered from " + page + " at " + tree.describe() + "."), StandardCharsets.UTF_8);
        }
        Map<String, Set<String>> files = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> e : code.entrySet()) {
            if (tree.isFile(e.getKey())) {
                files.computeIfAbsent(e.getKey(), f -> new TreeSet<>()).addAll(e.getValue());
            } else {
                writeListing(tree, out, e.getKey());
                tree.filesUnder(e.getKey()).forEach(f -> files.computeIfAbsent(f, k -> new TreeSet<>()));
            }
        }
        for (Map.Entry<String, Set<String>> e : files.entrySet()) {
            writeCode(tree, out, e.getKey(), e.getValue());
        }
    }

    /** The pages: the README first, then docs/*.md in name order. */
    static List<String> pages(CodeTree tree) {
        List<String> out = new ArrayList<>();
        if (tree.isFile("README.md")) {
            out.add("README.md");
        }
        for (String f : tree.filesUnder(DIR)) {
            if (f.endsWith(".md") && f.indexOf('/', DIR.length() + 1) < 0) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Where {@code href}, a destination on {@code page}, points once rendered: another page's
     * {@code .html} (anchor kept), the rendered code under {@code ../code/}, or, for a web address, an
     * anchor on the same page or a path the project does not have, unchanged.
     */
    static String rewrite(String page, String href, List<String> pages, CodeTree tree) {
        int hash = href.indexOf('#');
        String path = hash < 0 ? href : href.substring(0, hash);
        String anchor = hash < 0 ? "" : href.substring(hash);
        if (path.isEmpty() || href.contains("://") || href.startsWith("mailto:")) {
            return href;
        }
        String target = resolve(page, path);
        if (target == null) {
            return href;
        }
        if (pages.contains(target)) {
            return htmlName(target) + anchor;
        }
        if (tree.isFile(target)) {
            return "../" + CODE + "/" + target + ".html" + anchor;
        }
        if (tree.isDirectory(target)) {
            return "../" + CODE + "/" + stripSlash(target) + "/index.html";
        }
        return href;
    }

    /** The project path a code link on {@code page} points at, or null if it is not one. */
    private static String codeTarget(String page, String href, CodeTree tree) {
        int hash = href.indexOf('#');
        String path = hash < 0 ? href : href.substring(0, hash);
        if (path.isEmpty() || href.contains("://") || href.startsWith("mailto:")) {
            return null;
        }
        String target = resolve(page, path);
        if (target == null || target.endsWith(".md") && tree.isFile(target) && target.indexOf('/', DIR.length() + 1) < 0) {
            return null;
        }
        return tree.isFile(target) || tree.isDirectory(target) ? stripSlash(target) : null;
    }

    /** {@code path} relative to {@code page}'s folder, as a path from the project root; null if it leaves the project. */
    static String resolve(String page, String path) {
        List<String> parts = new ArrayList<>();
        int slash = page.lastIndexOf('/');
        if (slash >= 0) {
            parts.addAll(List.of(page.substring(0, slash).split("/")));
        }
        for (String p : path.split("/")) {
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return String.join("/", parts);
    }

    /** A page's rendered name in {@link #DIR}: {@code docs/harness.md} as {@code harness.html}, the README as {@code README.html}. */
    static String htmlName(String page) {
        String name = page.substring(page.lastIndexOf('/') + 1);
        return name.substring(0, name.length() - ".md".length()) + ".html";
    }

    private static String stripSlash(String p) {
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /**
     * A code file as a page with an anchor per line ({@code #L12}); a linked range ({@code #L12-L20},
     * as GitHub writes them) gets an anchor of its own at its first line.
     */
    private static void writeCode(CodeTree tree, Path out, String file, Set<String> ranges) throws IOException {
        String[] lines = tree.read(file).split("\n", -1);
        Map<Integer, List<String>> rangesAt = new HashMap<>();
        for (String r : ranges) {
            Matcher m = RANGE.matcher(r);
            if (m.matches()) {
                rangesAt.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new ArrayList<>()).add(r);
            }
        }
        StringBuilder pre = new StringBuilder("<pre class=\"code\">");
        for (int i = 0; i < lines.length; i++) {
            if (i == lines.length - 1 && lines[i].isEmpty()) {
                break;
            }
            String id = "L" + (i + 1);
            for (String r : rangesAt.getOrDefault(i + 1, List.of())) {
                pre.append("<span id=\"").append(r).append("\"></span>");
            }
            pre.append("<a id=\"").append(id).append("\" href=\"#").append(id).append("\">").append(i + 1).append("</a>")
                    .append(Html.escape(lines[i])).append('\n');
        }
        pre.append("</pre>");
        Path target = out.resolve(CODE).resolve(file + ".html");
        write(target, page(file, up(file), "<h1><code>" + Html.escape(file) + "</code></h1>\n" + pre,
                "At " + tree.describe() + "."));
    }

    /** A linked folder as a list of its files, each linking to its page. */
    private static void writeListing(CodeTree tree, Path out, String dir) throws IOException {
        StringBuilder ul = new StringBuilder("<ul>\n");
        for (String f : tree.filesUnder(dir)) {
            String rel = f.substring(dir.length() + 1);
            ul.append("<li>").append(Html.link(rel + ".html", rel)).append("</li>\n");
        }
        ul.append("</ul>\n");
        write(out.resolve(CODE).resolve(dir).resolve("index.html"),
                page(dir, up(dir + "/index.html"), "<h1><code>" + Html.escape(dir) + "/</code></h1>\n" + ul, "At " + tree.describe() + "."));
    }

    /** From a code page at {@code code/<path>}, the way back up to the report folder. */
    private static String up(String path) {
        return "../".repeat(path.split("/").length);
    }

    private static void write(Path target, String html) throws IOException {
        Files.createDirectories(target.getParent());
        Files.writeString(target, html, StandardCharsets.UTF_8);
    }

    /**
     * A page: the nav (start here, the README, the report), the body, a footer.
     *
     * @param toReport the way from the page's folder to the report folder: "" for a docs page (which
     *     is one level down, so it is "../" then), or the code page's own
     */
    private static String page(String title, String toReport, String body, String footer) {
        String report = toReport.isEmpty() ? "../" : toReport;
        String docs = report + DIR + "/";
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title) + "</title><style>" + CSS
                + "</style></head><body>\n<nav>muxlab: " + Html.link(docs + "start-here.html", "start here") + " · "
                + Html.link(docs + "README.html", "README") + " · " + Html.link(report + "index.html", "the report") + "</nav>\n"
                + body + "\n<footer>" + Html.escape(footer) + "</footer>\n</body></html>\n";
    }
}
