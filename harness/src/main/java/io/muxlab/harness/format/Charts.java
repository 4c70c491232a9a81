package io.muxlab.harness.format;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the report's charts with XChart into PNG files beside {@code index.html} (so the report
 * opens without a network) and returns the {@code <img>} tag for each. Runs AWT headless.
 */
public final class Charts {
    static final int WIDTH = 860;
    static final int HEIGHT = 440;

    /** One line of a chart: a server's points. */
    public record Series(String name, double[] x, double[] y) {
    }

    /** A vertical line across a line chart at {@code x}, e.g. FD_SETSIZE: a limit, not a measurement. */
    public record Wall(String name, double x) {
    }

    /** One bar of a bar chart. */
    public record Bar(String name, double value) {
    }

    /** Distinct colours for up to ten servers (XChart's default palette repeats yellow at the seventh). */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private final Path dir;

    public Charts(Path dir) {
        System.setProperty("java.awt.headless", "true");
        this.dir = dir;
    }

    /** A line chart; points that a log axis cannot show (0 or less) are left out. */
    public String line(String file, String title, String xTitle, String yTitle, boolean logX, boolean logY,
            List<Series> series) throws IOException {
        return line(file, title, xTitle, yTitle, logX, logY, series, List.of());
    }

    /**
     * The same with {@code walls} drawn as dashed grey verticals spanning the data, and tick labels
     * as plain grouped numbers ({@code 10,000}, not {@code 1E4}; XChart's formatting functions
     * misplace the ticks of a log axis, its decimal pattern does not).
     */
    public String line(String file, String title, String xTitle, String yTitle, boolean logX, boolean logY,
            List<Series> series, List<Wall> walls) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        // A log axis's ticks are decades, which XChart would print as 1E5; grouped digits read at a glance.
        if (!walls.isEmpty() || logX) {
            chart.getStyler().setXAxisDecimalPattern("#,##0");
        }
        if (!walls.isEmpty() || logY) {
            chart.getStyler().setYAxisDecimalPattern("#,##0");
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setSeriesColors(PALETTE);
        int drawn = 0;
        for (Series s : series) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < s.x().length; i++) {
                boolean fits = (!logX || s.x()[i] > 0) && (!logY || s.y()[i] > 0) && Double.isFinite(s.y()[i]);
                if (fits) {
                    xs.add(s.x()[i]);
                    ys.add(s.y()[i]);
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(s.name(), xs, ys).setMarker(SeriesMarkers.CIRCLE);
                drawn++;
            }
        }
        if (drawn == 0) {
            return "<p class=\"empty\">" + Html.escape(title) + ": no data was measured.</p>";
        }
        DoubleSummaryStatistics ys = chart.getSeriesMap().values().stream()
                .flatMapToDouble(xy -> Arrays.stream(xy.getYData())).summaryStatistics();
        double[] span = {ys.getMin(), ys.getMax()};
        for (Wall w : walls) {
            XYSeries wall = chart.addSeries(w.name(), new double[] {w.x(), w.x()}, span);
            wall.setMarker(SeriesMarkers.NONE);
            wall.setLineColor(Color.GRAY);
            wall.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        BitmapEncoder.saveBitmap(chart, dir.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
        return img(file, title);
    }

    /** A bar chart, one bar per entry; entries without a value should be left out by the caller. */
    public String bars(String file, String title, String yTitle, List<Bar> bars) throws IOException {
        if (bars.isEmpty()) {
            return "<p class=\"empty\">" + Html.escape(title) + ": no data was measured.</p>";
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#,##0.##");
        chart.getStyler().setSeriesColors(PALETTE);
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Bar b : bars) {
            names.add(b.name());
            values.add(b.value());
        }
        chart.addSeries(yTitle, names, values);
        BitmapEncoder.saveBitmap(chart, dir.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
        return img(file, title);
    }

    /**
     * Grouped bars: one group per category (e.g. a queue), one bar per series in each (e.g. a
     * producer count); {@code series.y()[i]} belongs to {@code categories.get(i)}. Values that cannot be
     * drawn (NaN, or 0 or less on a log axis) are left as gaps.
     */
    public String groupedBars(String file, String title, String yTitle, boolean logY, List<String> categories,
            List<Series> series) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setXAxisLabelRotation(12);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#,##0");
        chart.getStyler().setSeriesColors(PALETTE);
        if (logY) {
            // Bars grow from the axis floor, which XChart puts at 0 unless told: a decade below the smallest bar.
            double min = series.stream().flatMapToDouble(s -> Arrays.stream(s.y())).filter(v -> v > 0).min().orElse(1);
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        }
        int drawn = 0;
        for (Series s : series) {
            // Every series lists every category (XChart lines groups up by position); a gap is null.
            List<Double> values = new ArrayList<>();
            boolean any = false;
            for (int i = 0; i < categories.size(); i++) {
                double v = s.y()[i];
                boolean fits = Double.isFinite(v) && (!logY || v > 0);
                values.add(fits ? v : null);
                any |= fits;
            }
            if (any) {
                chart.addSeries(s.name(), categories, values);
                drawn++;
            }
        }
        if (drawn == 0) {
            return "<p class=\"empty\">" + Html.escape(title) + ": no data was measured.</p>";
        }
        BitmapEncoder.saveBitmap(chart, dir.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
        return img(file, title);
    }

    private static String img(String file, String title) {
        return "<img src=\"" + Html.escape(file) + ".png\" alt=\"" + Html.escape(title) + "\" width=\"" + WIDTH
                + "\" height=\"" + HEIGHT + "\">";
    }
}
