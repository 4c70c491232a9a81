package io.muxlab.harness.format;

import java.util.Arrays;
import java.util.List;

/** Escaping and tables for the report, so sections write HTML without string soup. */
public final class Html {
    /** Characters beyond which a cell's line is prose, not a figure ({@code 1.04 µs – 1.12 µs} is 19). */
    private static final int PROSE = 24;

    private Html() {
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * A table; cells are escaped, and a cell's lines after its first (split at {@code \n}) are
     * printed small beneath it, as a median's range or a figure's qualifier is. It scrolls
     * sideways inside its own box if it is still wider than the page.
     */
    public static String table(List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder("<div class=\"table\"><table>\n<tr>");
        for (String h : header) {
            sb.append("<th>").append(escape(h)).append("</th>");
        }
        sb.append("</tr>\n");
        for (List<String> row : rows) {
            sb.append("<tr>");
            for (String cell : row) {
                sb.append(prose(cell) ? "<td class=\"text\">" : "<td>").append(cell(cell)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</table></div>\n").toString();
    }

    /** A line longer than a figure ever is: a note or a description, which wraps and reads from the left. */
    static boolean prose(String text) {
        return Arrays.stream(text.split("\n")).anyMatch(line -> line.length() > PROSE);
    }

    /** A cell's text and, beneath it, the lines that qualify it. */
    static String cell(String text) {
        String[] lines = text.split("\n");
        StringBuilder sb = new StringBuilder(escape(lines[0]));
        for (int i = 1; i < lines.length; i++) {
            // A range may break after its dash, so that it is no wider than its figure above it.
            sb.append("<br><span class=\"sub\">").append(escape(lines[i]).replace("–", "–<wbr>")).append("</span>");
        }
        return sb.toString();
    }

    /** A chart image with its explanation beneath; {@code text} is HTML (it may hold links). */
    public static String figure(String img, String text) {
        return "<figure>" + img + "<figcaption>" + text + "</figcaption></figure>\n";
    }

    public static String link(String href, String label) {
        return "<a href=\"" + escape(href) + "\">" + escape(label) + "</a>";
    }
}
