package io.muxlab.harness.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tables escape their cells, print a cell's further lines small beneath it, and scroll in their own box. */
class HtmlTest {
    @Test
    void aCellsSecondLineIsPrintedSmallBeneathIt() {
        assertEquals("80k<br><span class=\"sub\">30k–<wbr>90k</span>", Html.cell("80k\n30k–90k"));
        assertEquals("a &lt; b", Html.cell("a < b"));
    }

    @Test
    void proseWrapsAndFiguresDoNot() {
        String t = Html.table(List.of("pitfall", "symptom"), List.of(List.of("busy-poll",
                "an idle server burns a whole core: every wait returns at once")));
        assertTrue(t.contains("<td>busy-poll</td><td class=\"text\">an idle server"), t);
    }

    @Test
    void aTableSitsInItsOwnScrollingBox() {
        String t = Html.table(List.of("server", "msg/s"), List.of(List.of("poll", "3.00\n(whole life)")));
        assertTrue(t.startsWith("<div class=\"table\"><table>"), t);
        assertTrue(t.contains("<td>3.00<br><span class=\"sub\">(whole life)</span></td>"), t);
    }
}
