package io.muxlab.harness.format;

import java.util.function.Function;

/**
 * One chart axis: linear, or logarithmic when its positive values span more than
 * {@link #LOG_SPAN} decades (a linear axis there flattens everything but the largest values:
 * poll's collapse from 130k to 1k echoes/s becomes a line along the floor).
 *
 * <p>A logarithmic axis is drawn as a linear axis of log10 of the values, ticked at whole decades
 * and labelled {@code 1k}, {@code 10 µs}. XChart's own log axis cannot do that: a formatting
 * function makes it place its ticks as on a linear axis, under data drawn logarithmically. XChart
 * also draws no tick at all when its two ends format alike, and every point between decades is
 * labelled blank here; so one end of a log axis is snapped to a decade, the one that wastes less.
 *
 * @param log whether the axis is logarithmic
 * @param lo the axis's lower end, in drawn units (log10 of a value on a log axis)
 * @param hi the axis's upper end, in drawn units
 */
record Scale(boolean log, double lo, double hi, Unit unit) {
    /** Decades of data beyond which an axis turns logarithmic: about a factor of 30. */
    static final double LOG_SPAN = 1.5;

    /**
     * The axis for values from {@code min} to {@code max} (the smallest and largest positive ones
     * when {@code log} is asked about); {@code bars} snaps the lower end of a log axis, where bars grow from.
     */
    static Scale of(double min, double max, Unit unit, boolean bars) {
        if (!(min > 0) || !(max > min) || Math.log10(max / min) <= LOG_SPAN) {
            return new Scale(false, min, max, unit);
        }
        double lo = Math.log10(min);
        double hi = Math.log10(max);
        double wasteLo = lo - Math.floor(lo);
        double wasteHi = Math.ceil(hi) - hi;
        if (bars || wasteLo <= wasteHi) {
            lo = Math.floor(lo);
        } else {
            hi = Math.ceil(hi);
        }
        // At least two labelled decades, or the reader has no scale.
        if (Math.floor(hi) - Math.ceil(lo) < 1) {
            lo = Math.floor(lo);
            hi = Math.max(Math.ceil(hi), lo + 1);
        }
        return new Scale(true, lo, hi, unit);
    }

    /** Where {@code v} is drawn; NaN if it cannot be (0 or less on a log axis). */
    double place(double v) {
        if (!log) {
            return v;
        }
        return v > 0 ? Math.log10(v) : Double.NaN;
    }

    /** What the axis title gets: " (log)" on a log axis, so a reader knows how to read distances. */
    String titleSuffix() {
        return log ? " (log)" : "";
    }

    /**
     * A tick without a label: one space, not an empty string, which XChart hands to AWT's
     * TextLayout, and that throws on a zero-length string (a quick run's recovery chart, whose log
     * axis spans less than a decade, ticked between decades and the report failed).
     */
    static final String BLANK = " ";

    /** Tick and bar labels of drawn units: on a log axis only whole decades carry one (10^2.5 would read 316). */
    Function<Double, String> labels() {
        if (!log) {
            return unit::label;
        }
        return v -> {
            long decade = Math.round(v);
            return Math.abs(v - decade) < 1e-6 ? unit.label(Math.pow(10, decade)) : BLANK;
        };
    }

    /** The label of a drawn bar's value: the value itself, not its logarithm. */
    String valueLabel(double v) {
        return unit.label(v);
    }
}
