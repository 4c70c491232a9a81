package io.muxlab.harness.measure;

import io.muxlab.core.cli.ResultLine;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;

/**
 * One figure of a point measured several times — the timer and delay-queue children repeat their
 * measured part in one process and report every repeat — with the median the charts and captions
 * use and the range (min–max) the tables print beside it. A median of three is the middle repeat,
 * so one disturbed repeat moves it no further than the two others allow. On a result line the
 * repeats of {@code p99Micros} are {@code p99Micros.1}, {@code p99Micros.2}, …
 */
public final class Spread {
    /** A figure the point does not make, or a run that measured nothing. */
    public static final Spread NONE = new Spread(new double[0]);

    private final double[] values;

    private Spread(double[] values) {
        this.values = values;
    }

    /** The finite values among {@code values}, in repeat order. */
    public static Spread of(double... values) {
        return new Spread(Arrays.stream(values).filter(Double::isFinite).toArray());
    }

    /** How many repeats gave this figure. */
    public int count() {
        return values.length;
    }

    /** The repeat's value, in the order they were measured. */
    public double value(int repeat) {
        return values[repeat];
    }

    /** The median (the mean of the middle two for an even count); NaN with no value. */
    public double median() {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    public double min() {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    public double max() {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    /** How many repeats satisfy {@code test}. */
    public int countWhere(DoublePredicate test) {
        return (int) Arrays.stream(values).filter(test).count();
    }

    /** Adds every repeat to a result line, as {@code key.1}, {@code key.2}, … */
    public void writeTo(ResultLine.Builder line, String key) {
        for (int i = 0; i < values.length; i++) {
            line.number(key + "." + (i + 1), values[i]);
        }
    }

    /**
     * Every figure of a result line's fields, each repeat {@code key.i} folded into one spread under
     * {@code key}; a field without a repeat number is a spread of one. Fields that are not numbers
     * fail, naming the line.
     */
    public static Map<String, Spread> fromFields(ResultLine line, Iterable<String> keys) {
        Map<String, double[]> found = new LinkedHashMap<>();
        for (String key : keys) {
            String text = line.fields().get(key);
            if (text != null) {
                found.put(key, new double[] {line.number(key)});
                continue;
            }
            double[] repeats = new double[0];
            for (int i = 1; line.fields().containsKey(key + "." + i); i++) {
                repeats = Arrays.copyOf(repeats, i);
                repeats[i - 1] = line.number(key + "." + i);
            }
            if (repeats.length > 0) {
                found.put(key, repeats);
            }
        }
        Map<String, Spread> out = new LinkedHashMap<>();
        found.forEach((k, v) -> out.put(k, Spread.of(v)));
        return out;
    }

    /** True if {@code field} is {@code key} or one of its repeats ({@code key.3}). */
    public static boolean isRepeatOf(String field, String key) {
        return field.equals(key) || field.startsWith(key + ".") && field.substring(key.length() + 1).chars().allMatch(Character::isDigit);
    }

    /** As a table prints it: the median, then the range in brackets when there were repeats, e.g. {@code 105 µs (51–134 µs)}. */
    public String format(DoubleFunction<String> figure) {
        return figure.apply(median()) + range(figure);
    }

    /** The range alone, as {@code " (51–134 µs)"}, or "" with fewer than two repeats or bounds that print alike. */
    public String range(DoubleFunction<String> figure) {
        if (values.length < 2) {
            return "";
        }
        String low = figure.apply(min());
        String high = figure.apply(max());
        return low.equals(high) ? "" : " (" + low + "–" + high + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spread other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
