package io.muxlab.harness.format;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * What Charts draws over XChart's plot, placed in the chart's own drawn coordinates once XChart
 * has laid out its axes: the whisker of a point's repeats (XChart's error bars are symmetric,
 * a range of repeats is not), and a bar's label above the bar in dark text (XChart's sit inside the
 * bar, white on a zero-high bar over a white page, and do not fit a short one).
 */
final class Marks {
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color INK = new Color(0x222222);

    private Marks() {
    }

    /**
     * A vertical line from {@code lo} to {@code hi} at {@code x}, capped at both ends, moved
     * {@code dodge} pixels sideways so that the whiskers of lines meeting at one x stand apart.
     */
    static final class Whisker extends Annotation {
        private final double x;
        private final double lo;
        private final double hi;
        private final Color colour;
        private final int dodge;

        Whisker(double x, double lo, double hi, Color colour, int dodge) {
            super(false);
            this.x = x;
            this.lo = lo;
            this.hi = hi;
            this.colour = colour;
            this.dodge = dodge;
        }

        @Override
        public void paint(Graphics2D g) {
            int sx = getXAxisScreenValue(x) + dodge;
            int top = getYAxisScreenValue(hi);
            int bottom = getYAxisScreenValue(lo);
            g.setColor(colour);
            g.setStroke(new BasicStroke(1.5f));
            g.draw(new Line2D.Double(sx, top, sx, bottom));
            g.draw(new Line2D.Double(sx - 4, top, sx + 4, top));
            g.draw(new Line2D.Double(sx - 4, bottom, sx + 4, bottom));
            bounds = new Rectangle2D.Double(sx - 4, top, 8, bottom - top);
        }
    }

    /**
     * {@code text} just above {@code y} at {@code x}; turned upright when it is wider than its bar
     * ({@code width} of one category), so neighbouring labels do not run into each other.
     */
    static final class BarLabel extends Annotation {
        private final String text;
        private final double x;
        private final double y;
        private final double width;

        BarLabel(String text, double x, double y, double width) {
            super(false);
            this.text = text;
            this.x = x;
            this.y = y;
            this.width = width;
        }

        @Override
        public void paint(Graphics2D g) {
            Object hint = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            TextLayout layout = new TextLayout(text, LABEL, g.getFontRenderContext());
            Rectangle2D box = layout.getBounds();
            double barPixels = getXAxisScreenValue(x + width / 2) - getXAxisScreenValue(x - width / 2);
            boolean upright = box.getWidth() + 2 > barPixels;
            AffineTransform at = new AffineTransform();
            double sx = getXAxisScreenValue(x);
            double sy = getYAxisScreenValue(y) - 3;
            if (upright) {
                at.translate(sx + box.getHeight() / 2, sy);
                at.rotate(-Math.PI / 2);
            } else {
                at.translate(sx - box.getWidth() / 2, sy);
            }
            g.setColor(INK);
            g.fill(at.createTransformedShape(layout.getOutline(null)));
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, hint);
            bounds = at.createTransformedShape(box).getBounds2D();
        }
    }
}
