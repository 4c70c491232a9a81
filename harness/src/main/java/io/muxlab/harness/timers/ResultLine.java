package io.muxlab.harness.timers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one line a timer child prints on standard output when its workload is done, and what the
 * harness reads back: {@code timer-result timers=1000 p50Micros=41.200 p99Micros=180.500
 * maxMicros=950.300}. Names and numbers only, separated by spaces, so it parses without quoting
 * rules: the harness knows which workload and facility it started, and anything the child has to
 * say in words (an error) goes to standard error instead.
 */
final class ResultLine {
    static final String PREFIX = "timer-result";

    private ResultLine() {
    }

    /** The line for {@code figures} (name → value), in their order. */
    static String format(Map<String, ? extends Number> figures) {
        StringBuilder sb = new StringBuilder(PREFIX);
        for (Map.Entry<String, ? extends Number> f : figures.entrySet()) {
            sb.append(' ').append(f.getKey()).append('=');
            Number v = f.getValue();
            if (v instanceof Double || v instanceof Float) {
                sb.append(String.format(Locale.ROOT, "%.3f", v.doubleValue()));
            } else {
                sb.append(v.longValue());
            }
        }
        return sb.toString();
    }

    /**
     * The figures of the last result line among {@code lines} (a child's whole standard output).
     *
     * @throws IllegalArgumentException if there is no result line, or it is not {@code name=number ...}
     */
    static Map<String, Double> parse(List<String> lines) {
        String line = null;
        for (String l : lines) {
            if (l.startsWith(PREFIX + " ") || l.equals(PREFIX)) {
                line = l;
            }
        }
        if (line == null) {
            throw new IllegalArgumentException("the child printed no '" + PREFIX + "' line");
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        String rest = line.substring(PREFIX.length()).strip();
        if (rest.isEmpty()) {
            return figures;
        }
        for (String pair : rest.split(" +")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("'" + pair + "' in the result line is not name=number: " + line);
            }
            String value = pair.substring(eq + 1);
            try {
                figures.put(pair.substring(0, eq), Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + pair + "' in the result line is not name=number: " + line, e);
            }
        }
        return figures;
    }
}
