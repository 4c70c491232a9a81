package io.muxlab.harness.format;

import java.util.List;

/** Escaping and tables for the report, so sections write HTML without string soup. */
public final class Html {
    private Html() {
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A table; cells are escaped. */
    public static String table(List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder("<table>\n<tr>");
        for (String h : header) {
            sb.append("<th>").append(escape(h)).append("</th>");
        }
        sb.append("</tr>\n");
        for (List<String> row : rows) {
            sb.append("<tr>");
            for (String cell : row) {
                sb.append("<td>").append(escape(cell)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    /** A chart image with its explanation beneath; {@code text} is HTML (it may hold links). */
    public static String figure(String img, String text) {
        return "<figure>" + img + "<figcaption>" + text + "</figcaption></figure>\n";
    }

    public static String link(String href, String label) {
        return "<a href=\"" + escape(href) + "\">" + escape(label) + "</a>";
    }
}
