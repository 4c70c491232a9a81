package io.muxlab.harness.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of chart draws its PNG, zeros and ranges included, and says how to read it. */
class ChartsTest {
    @TempDir
    Path dir;

    @Test
    void aZeroBarAndWhiskersDraw() throws IOException {
        Charts charts = new Charts(dir);
        String html = charts.bars("zero", "With a zero", "calls", Unit.COUNT, List.of(new Charts.Bar("none", 0),
                new Charts.Bar("some", 2.9).ranged(2.8, 3.1), new Charts.Bar("peer", 1.2).as(Charts.Kind.PEER, "peer")));
        assertTrue(Files.size(dir.resolve("zero.png")) > 0);
        assertTrue(html.startsWith("<img src=\"zero.png\""), html);
        assertTrue(html.contains("whisker"), html);
        assertTrue(html.contains("paler: peers"), html);
    }

    @Test
    void aZeroBarOnALogAxisDraws() throws IOException {
        Charts charts = new Charts(dir);
        charts.groupedBars("log-zero", "Zeros among decades", "wake-ups / s", Unit.COUNT, List.of("empty", "dense"),
                List.of(new Charts.Series("heap", new double[2], new double[] {0, 6_483}),
                        new Charts.Series("netty", new double[2], new double[] {9, 901}).as(Charts.Kind.PEER, "netty"),
                        new Charts.Series("all zero", new double[2], new double[] {0, 0})));
        assertTrue(Files.size(dir.resolve("log-zero.png")) > 0);
    }

    @Test
    void aLogLineWithRangesWallsAndAGapDraws() throws IOException {
        Charts charts = new Charts(dir);
        String html = charts.line("log-line", "Decades", "N", "per call", Unit.NANOS, List.of(
                new Charts.Series("poll", new double[] {10, 100, 1_000, 10_000}, new double[] {780, 5_250, 48_000, 521_000})
                        .ranged(new double[] {770, 5_140, 47_000, 512_000}, new double[] {790, 5_310, 48_500, 522_000}),
                new Charts.Series("c-poll", new double[] {10, 100}, new double[] {800, Double.NaN}).as(Charts.Kind.TWIN, "poll")),
                List.of(new Charts.Wall("FD_SETSIZE", 1024)));
        assertTrue(Files.size(dir.resolve("log-line.png")) > 0);
        assertTrue(html.contains("dotted with triangles: the C twins"), html);
    }

    @Test
    void aLogAxisTickedBetweenDecadesDraws() throws IOException {
        // A quick run's recovery chart: one point at 10 000 pending (28.6 ms) and the target at
        // 1 000 000 (1 s). XChart ticks its log10 axis between decades, whose labels are blank; an
        // empty string there made AWT throw and the whole report fail.
        Charts charts = new Charts(dir);
        charts.line("between-decades", "Recovery", "pending tasks", "recovery time", Unit.MILLIS, List.of(
                new Charts.Series("recovery", new double[] {10_000}, new double[] {28.6}),
                new Charts.Series("target", new double[] {1_000_000}, new double[] {1_000})));
        assertTrue(Files.size(dir.resolve("between-decades.png")) > 0);
    }

    @Test
    void nothingMeasuredSaysSo() throws IOException {
        Charts charts = new Charts(dir);
        assertTrue(charts.line("none", "Nothing", "x", "y", Unit.COUNT, List.of(new Charts.Series("a", new double[0],
                new double[0]))).contains("no data was measured"));
        assertTrue(charts.bars("none", "Nothing", "y", Unit.COUNT, List.of()).contains("no data was measured"));
        assertFalse(Files.exists(dir.resolve("none.png")));
    }

    @Test
    void aChartOfOursAloneNeedsNoKey() {
        assertEquals("", Charts.key(EnumSet.of(Charts.Kind.OURS), false, false));
        assertEquals("<p class=\"chart-key\">Each point is the median of its repeats, its whisker the lowest to the highest "
                + "of them.</p>", Charts.key(EnumSet.of(Charts.Kind.OURS), true, false));
    }
}
