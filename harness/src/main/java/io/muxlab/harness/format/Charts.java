package io.muxlab.harness.format;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.DoubleStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the report's charts with XChart into PNG files beside {@code index.html} (so the report
 * opens without a network) and returns the {@code <img>} tag for each, with a line beneath saying
 * how to read its styles and whiskers. An axis whose data spans decades is logarithmic
 * ({@link Scale}); labels read {@code 140k} or {@code 12.3 µs} ({@link Unit}); a contender keeps its
 * colour across the report's charts ({@link Palette}). Runs AWT headless.
 */
public final class Charts {
    static final int WIDTH = 860;
    static final int HEIGHT = 440;
    /** The font of XChart's tick labels, whose widths decide whether category names must turn. */
    private static final Font TICK_FONT = new CategoryStyler().getAxisTickLabelsFont();
    /** About how wide a legend to the right of a grouped bar chart is. */
    private static final int LEGEND = 200;
    /** Pixels between the whiskers of neighbouring lines at one x. */
    private static final double DODGE = 2;
    /** The share of a category a bar (or a group of bars) fills. */
    private static final double BAR_FILL = 0.8;
    /** Room above the tallest bar (or whisker), as a share of the plot: an upright label of five characters fits. */
    private static final double HEADROOM = 0.24;

    /** Who a series or bar stands for, which sets its line, marker and fill ({@link Palette}). */
    public enum Kind {
        OURS, PEER, TWIN, EXTERNAL
    }

    /**
     * One line of a chart: a server's points, each with the range of its repeats if it has one.
     *
     * @param colour the name whose colour it takes (its own, or a C twin's Java server's)
     * @param lo each point's lowest repeat, or null for no whiskers
     * @param hi each point's highest repeat, or null
     */
    public record Series(String name, String colour, Kind kind, double[] x, double[] y, double[] lo, double[] hi) {
        public Series(String name, double[] x, double[] y) {
            this(name, name, Kind.OURS, x, y, null, null);
        }

        /** The same points drawn as {@code kind}, in the colour of {@code colourOf}. */
        public Series as(Kind as, String colourOf) {
            return new Series(name, colourOf, as, x, y, lo, hi);
        }

        /** The same with whiskers from {@code lows[i]} to {@code highs[i]}. */
        public Series ranged(double[] lows, double[] highs) {
            return new Series(name, colour, kind, x, y, lows, highs);
        }
    }

    /** A vertical line across a line chart at {@code x}, e.g. FD_SETSIZE: a limit, not a measurement. */
    public record Wall(String name, double x) {
    }

    /** One bar of a bar chart, with the range of its repeats if it has one (NaN if not). */
    public record Bar(String name, String colour, Kind kind, double value, double lo, double hi) {
        public Bar(String name, double value) {
            this(name, name, Kind.OURS, value, Double.NaN, Double.NaN);
        }

        public Bar as(Kind as, String colourOf) {
            return new Bar(name, colourOf, as, value, lo, hi);
        }

        public Bar ranged(double low, double high) {
            return new Bar(name, colour, kind, value, low, high);
        }
    }

    private final Path dir;
    private final Palette palette = new Palette();

    public Charts(Path dir) {
        this(dir, List.of());
    }

    /** Charts whose first colours go to {@code first}, in order, whichever chart draws them first. */
    public Charts(Path dir, List<String> first) {
        System.setProperty("java.awt.headless", "true");
        this.dir = dir;
        first.forEach(palette::of);
    }

    /** A line chart; points an axis cannot show (0 or less on a log axis, NaN) are left out. */
    public String line(String file, String title, String xTitle, String yTitle, Unit yUnit, List<Series> series)
            throws IOException {
        return line(file, title, xTitle, yTitle, yUnit, series, List.of());
    }

    /** The same with {@code walls} drawn as dashed grey verticals spanning the data. */
    public String line(String file, String title, String xTitle, String yTitle, Unit yUnit, List<Series> series,
            List<Wall> walls) throws IOException {
        Scale sx = scale(series.stream().flatMapToDouble(s -> Arrays.stream(s.x())), Unit.COUNT, false);
        Scale sy = scale(series.stream().flatMapToDouble(Charts::values), yUnit, false);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle + sx.titleSuffix())
                .yAxisTitle(yTitle + sy.titleSuffix()).build();
        style(chart.getStyler(), sy);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(sx.labels());
        if (sx.log()) {
            chart.getStyler().setXAxisMin(sx.lo());
            chart.getStyler().setXAxisMax(sx.hi());
        }
        chart.getStyler().setMarkerSize(7);
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        boolean whiskers = false;
        for (int j = 0; j < series.size(); j++) {
            Series s = series.get(j);
            int dodge = (int) Math.round((j - (series.size() - 1) / 2.0) * DODGE);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            Color colour = palette.of(s.colour());
            for (int i = 0; i < s.x().length; i++) {
                double px = sx.place(s.x()[i]);
                double py = sy.place(s.y()[i]);
                if (Double.isFinite(px) && Double.isFinite(py)) {
                    xs.add(px);
                    ys.add(py);
                    whiskers |= whisker(chart, px, sy, s.lo(), s.hi(), i, colour, dodge);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries drawn = chart.addSeries(s.name(), xs, ys);
                drawn.setLineColor(colour);
                drawn.setMarkerColor(colour);
                drawn.setLineStyle(Palette.line(s.kind()));
                drawn.setMarker(Palette.marker(s.kind()));
                kinds.add(s.kind());
            }
        }
        if (kinds.isEmpty()) {
            return empty(title);
        }
        DoubleSummaryStatistics drawnY = chart.getSeriesMap().values().stream()
                .flatMapToDouble(xy -> Arrays.stream(xy.getYData())).summaryStatistics();
        double[] span = {drawnY.getMin(), drawnY.getMax()};
        for (Wall w : walls) {
            double x = sx.place(w.x());
            XYSeries wall = chart.addSeries(w.name(), new double[] {x, x}, span);
            wall.setMarker(SeriesMarkers.NONE);
            wall.setLineColor(Color.GRAY);
            wall.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        return save(chart, file, title, HEIGHT) + key(kinds, whiskers, false);
    }

    /** A bar chart, one bar per entry, each labelled with its value; entries without a value should be left out by the caller. */
    public String bars(String file, String title, String yTitle, Unit unit, List<Bar> bars) throws IOException {
        if (bars.isEmpty()) {
            return empty(title);
        }
        Scale sy = scale(bars.stream().flatMapToDouble(b -> DoubleStream.of(b.value(), b.lo(), b.hi())), unit, true);
        List<String> names = bars.stream().map(Bar::name).toList();
        int height = heightFor(names, 0);
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(height).title(title)
                .yAxisTitle(yTitle + sy.titleSuffix()).build();
        styleBars(chart, sy, names, 0, bars.stream().mapToDouble(b -> Double.isFinite(b.hi()) ? Math.max(b.hi(), b.value()) : b.value()));
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setOverlapped(true);
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        boolean whiskers = false;
        for (int i = 0; i < bars.size(); i++) {
            // One series per bar, null in every other category, so that each bar takes its contender's colour.
            Bar b = bars.get(i);
            List<Double> values = new ArrayList<>();
            for (int j = 0; j < bars.size(); j++) {
                values.add(null);
            }
            values.set(i, drawable(sy, b.value()));
            CategorySeries drawn = chart.addSeries(b.name(), names, values);
            Color colour = palette.of(b.colour());
            drawn.setFillColor(Palette.fill(colour, b.kind()));
            kinds.add(b.kind());
            if (Double.isFinite(b.value())) {
                label(chart, sy, b.value(), b.hi(), i + 0.5, BAR_FILL);
            }
            whiskers |= whisker(chart, i + 0.5, sy, new double[] {b.lo()}, new double[] {b.hi()}, 0, colour.darker(), 0);
        }
        return save(chart, file, title, height) + key(kinds, whiskers, true);
    }

    /**
     * Grouped bars: one group per category (e.g. a queue), one bar per series in each (e.g. a
     * producer count); {@code series.y()[i]} belongs to {@code categories.get(i)}. A NaN is a gap;
     * a 0 is labelled 0.
     */
    public String groupedBars(String file, String title, String yTitle, Unit unit, List<String> categories,
            List<Series> series) throws IOException {
        List<Series> drawn = series.stream().filter(s -> Arrays.stream(s.y()).anyMatch(Double::isFinite)).toList();
        if (drawn.isEmpty() || categories.isEmpty()) {
            return empty(title);
        }
        Scale sy = scale(drawn.stream().flatMapToDouble(Charts::values), unit, true);
        int height = heightFor(categories, LEGEND);
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(height).title(title)
                .yAxisTitle(yTitle + sy.titleSuffix()).build();
        styleBars(chart, sy, categories, LEGEND, drawn.stream().flatMapToDouble(Charts::values));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        boolean whiskers = false;
        double width = BAR_FILL / drawn.size();
        for (int j = 0; j < drawn.size(); j++) {
            Series s = drawn.get(j);
            // Every series lists every category (XChart lines groups up by position); a gap is null.
            List<Double> values = new ArrayList<>();
            Color colour = palette.of(s.colour());
            for (int i = 0; i < categories.size(); i++) {
                double v = s.y()[i];
                values.add(drawable(sy, v));
                double x = i + (1 - BAR_FILL) / 2 + (j + 0.5) * width;
                if (Double.isFinite(v)) {
                    label(chart, sy, v, s.hi() == null ? Double.NaN : s.hi()[i], x, width);
                    whiskers |= whisker(chart, x, sy, s.lo(), s.hi(), i, colour.darker(), 0);
                }
            }
            chart.addSeries(s.name(), categories, values).setFillColor(Palette.fill(colour, s.kind()));
            kinds.add(s.kind());
        }
        return save(chart, file, title, height) + key(kinds, whiskers, true);
    }

    /** A series' values and ranges, for the choice of its axis. */
    private static DoubleStream values(Series s) {
        return DoubleStream.concat(Arrays.stream(s.y()),
                s.lo() == null ? DoubleStream.empty() : DoubleStream.concat(Arrays.stream(s.lo()), Arrays.stream(s.hi())));
    }

    /** The axis for these values: log if the positive ones span decades and none is below zero (bars may hold zeros). */
    private static Scale scale(DoubleStream values, Unit unit, boolean bars) {
        double[] v = values.filter(Double::isFinite).toArray();
        double min = Arrays.stream(v).min().orElse(0);
        double max = Arrays.stream(v).max().orElse(1);
        double positive = Arrays.stream(v).filter(d -> d > 0).min().orElse(0);
        boolean mayLog = bars ? min >= 0 : min > 0;
        return Scale.of(mayLog ? positive : Math.min(min, 0), max, unit, bars);
    }

    /** What every chart shares: a white page, the legend to the right, the value axis labelled by {@code y}. */
    private static void style(AxesChartStyler styler, Scale y) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setyAxisTickLabelsFormattingFunction(y.labels());
        // The ends hold the whiskers too, which XChart, knowing only the series, would cut off.
        if (y.hi() > y.lo()) {
            styler.setYAxisMin(y.lo());
            styler.setYAxisMax(y.hi());
        }
    }

    /**
     * Bars grow from 0, or from the floor decade of a log axis, and leave room above the highest
     * for its label; category names turn when they would overlap.
     */
    private static void styleBars(CategoryChart chart, Scale sy, List<String> categories, int legend, DoubleStream tops) {
        style(chart.getStyler(), sy);
        chart.getStyler().setLabelsVisible(false);
        chart.getStyler().setAvailableSpaceFill(BAR_FILL);
        double top = tops.filter(Double::isFinite).max().orElse(1);
        // Room for the tallest bar's label, which may stand upright above its whisker.
        if (sy.log()) {
            chart.getStyler().setYAxisMax(Math.max(sy.hi(), Math.log10(top) + (Math.log10(top) - sy.lo()) * HEADROOM));
        } else {
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(top > 0 ? top * (1 + HEADROOM) : 1);
        }
        if (turned(categories, legend)) {
            chart.getStyler().setXAxisLabelRotation(45);
        }
    }

    /**
     * Whether category names side by side would run into each other: the plot is the chart less
     * about 100 pixels of value axis and the legend's width.
     */
    private static boolean turned(List<String> categories, int legend) {
        return widest(categories) * 1.1 * categories.size() > WIDTH - 100 - legend;
    }

    /** Taller by what turned names take below the plot, so that the plot keeps its height. */
    private static int heightFor(List<String> categories, int legend) {
        return turned(categories, legend) ? HEIGHT + (int) (widest(categories) * Math.sin(Math.PI / 4)) - 15 : HEIGHT;
    }

    private static double widest(List<String> names) {
        FontRenderContext frc = new FontRenderContext(null, true, false);
        return names.stream().mapToDouble(n -> new TextLayout(n.isEmpty() ? " " : n, TICK_FONT, frc).getBounds().getWidth())
                .max().orElse(0);
    }

    /** A bar's drawn height, null where it has none: a gap, or a 0 on a log axis (its label still says 0). */
    private static Double drawable(Scale sy, double v) {
        double p = sy.place(v);
        return Double.isFinite(p) ? p : null;
    }

    /** Bar value {@code v}'s label, above its bar or above its whisker's top {@code hi} (NaN for none). */
    private static void label(CategoryChart chart, Scale sy, double v, double hi, double x, double width) {
        double top = Double.isFinite(hi) ? Math.max(v, hi) : v;
        double drawnTop = sy.log() ? (top > 0 ? Math.log10(top) : sy.lo()) : Math.max(top, 0);
        chart.addAnnotation(new Marks.BarLabel(sy.valueLabel(v), x, drawnTop, width));
    }

    /** Adds point {@code i}'s whisker if it has a range that can be drawn; says whether it did. */
    private static boolean whisker(Chart<?, ?> chart, double x, Scale sy, double[] lo, double[] hi, int i, Color colour,
            int dodge) {
        if (lo == null || hi == null || i >= lo.length) {
            return false;
        }
        double bottom = sy.place(lo[i]);
        double top = sy.place(hi[i]);
        if (!Double.isFinite(bottom) || !Double.isFinite(top) || top <= bottom) {
            return false;
        }
        chart.addAnnotation(new Marks.Whisker(x, bottom, top, colour, dodge));
        return true;
    }

    /** How to read the chart's styles: only the kinds it shows, and its whiskers if it has any. */
    static String key(Set<Kind> kinds, boolean whiskers, boolean bars) {
        List<String> parts = new ArrayList<>();
        if (!kinds.equals(EnumSet.of(Kind.OURS))) {
            for (Kind k : kinds) {
                parts.add((bars ? barKey(k) : lineKey(k)) + " " + who(k));
            }
        }
        StringBuilder out = new StringBuilder();
        if (!parts.isEmpty()) {
            out.append(bars ? "Bars: " : "Lines: ").append(String.join(", ", parts)).append('.');
        }
        if (whiskers) {
            out.append(out.isEmpty() ? "" : " ").append(bars ? "Each bar is the median of its repeats"
                    : "Each point is the median of its repeats").append(", its whisker the lowest to the highest of them.");
        }
        return out.isEmpty() ? "" : "<p class=\"chart-key\">" + out + "</p>";
    }

    private static String lineKey(Kind k) {
        return switch (k) {
            case OURS -> "solid with circles:";
            case PEER -> "dashed with squares:";
            case TWIN -> "dotted with triangles:";
            case EXTERNAL -> "dash-dotted with diamonds:";
        };
    }

    private static String barKey(Kind k) {
        return switch (k) {
            case OURS -> "full colour:";
            case PEER -> "paler:";
            case TWIN, EXTERNAL -> "palest:";
        };
    }

    private static String who(Kind k) {
        return switch (k) {
            case OURS -> "our servers";
            case PEER -> "peers a Java user would pick instead";
            case TWIN -> "the C twins, in the colour of the server each mirrors";
            case EXTERNAL -> "external commands";
        };
    }

    private String save(Chart<?, ?> chart, String file, String title, int height) throws IOException {
        BitmapEncoder.saveBitmap(chart, dir.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
        return "<img src=\"" + Html.escape(file) + ".png\" alt=\"" + Html.escape(title) + "\" width=\"" + WIDTH
                + "\" height=\"" + height + "\">";
    }

    private static String empty(String title) {
        return "<p class=\"empty\">" + Html.escape(title) + ": no data was measured.</p>";
    }
}
