package io.muxlab.harness.format;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.HashMap;
import java.util.Map;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * How a contender looks in every chart of one report: its colour, fixed the first time a chart
 * draws it (so epoll-lt is the same green in all of them, and a C twin shares the colour of the
 * Java server it mirrors), and its line and marker by {@link Charts.Kind}: ours solid with
 * circles, peers dashed with squares, C twins dotted with triangles, external commands dash-dotted
 * with diamonds. Bars carry the kind in their fill: full colour for ours, paler for the others.
 */
final class Palette {
    /** Twelve colours told apart at a glance (XChart's default palette repeats yellow at the seventh). */
    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
        new Color(0x393b79), new Color(0xb8860b)};

    private final Map<String, Color> assigned = new HashMap<>();

    /** The colour of {@code key}, the next unused one if it has none yet. */
    Color of(String key) {
        return assigned.computeIfAbsent(key, k -> COLOURS[assigned.size() % COLOURS.length]);
    }

    static BasicStroke line(Charts.Kind kind) {
        float[] dashes = switch (kind) {
            case OURS -> null;
            case PEER -> new float[] {7f, 4f};
            case TWIN -> new float[] {2f, 3f};
            case EXTERNAL -> new float[] {8f, 3f, 2f, 3f};
        };
        return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dashes, 0f);
    }

    static Marker marker(Charts.Kind kind) {
        return switch (kind) {
            case OURS -> SeriesMarkers.CIRCLE;
            case PEER -> SeriesMarkers.SQUARE;
            case TWIN -> SeriesMarkers.TRIANGLE_UP;
            case EXTERNAL -> SeriesMarkers.DIAMOND;
        };
    }

    /** A bar's fill: the colour itself for ours, mixed with white for the others. */
    static Color fill(Color c, Charts.Kind kind) {
        double white = switch (kind) {
            case OURS -> 0;
            case PEER -> 0.4;
            case TWIN, EXTERNAL -> 0.55;
        };
        return new Color(mix(c.getRed(), white), mix(c.getGreen(), white), mix(c.getBlue(), white));
    }

    private static int mix(int channel, double white) {
        return (int) Math.round(channel + (255 - channel) * white);
    }
}
