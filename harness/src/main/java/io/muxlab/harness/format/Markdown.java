package io.muxlab.harness.format;

import java.util.List;
import java.util.function.UnaryOperator;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown to HTML with commonmark-java, as GitHub shows our pages: its tables, and heading ids
 * made the way GitHub makes them, so {@code page.md#a-heading} links keep working once rendered.
 * Every link and image destination goes through a rewriter first (a page's {@code .md} links
 * become {@code .html}, code links point at the rendered code).
 */
public final class Markdown {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), HeadingAnchorExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).build();

    private Markdown() {
    }

    /** The HTML of {@code markdown}, each destination replaced by {@code rewrite.apply(destination)}. */
    public static String html(String markdown, UnaryOperator<String> rewrite) {
        Node document = PARSER.parse(markdown);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                link.setDestination(rewrite.apply(link.getDestination()));
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                image.setDestination(rewrite.apply(image.getDestination()));
                visitChildren(image);
            }
        });
        return RENDERER.render(document);
    }

    /** The text of the first level-one heading ({@code # Title}), or {@code fallback}. */
    public static String title(String markdown, String fallback) {
        for (String line : markdown.split("\n")) {
            if (line.startsWith("# ")) {
                return line.substring(2).strip();
            }
        }
        return fallback;
    }
}
