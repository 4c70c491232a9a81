package io.muxlab.core.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one machine-readable line format of muxlab: a prefix, then {@code key=value} pairs separated
 * by spaces, and at most one bracketed group of further pairs at the end. An echo server's summary
 * and every harness child's result are such lines:
 *
 * <pre>
 * summary: server=epoll-et connections=3 ... syscalls=123 [epoll_wait=40 read=41 write=42]
 * timer-result timers=1000 p50Micros=41.2 p99Micros=180.5
 * </pre>
 *
 * Keys and values hold no spaces, {@code =} or brackets, so the line needs no quoting rules;
 * anything a program has to say in words goes to standard error. Numbers are plain ({@link
 * Locale#ROOT}, no units, no thousands separators); a fraction keeps four decimals, trailing
 * zeros dropped. The harness and the conformance tests read these lines through {@link #parse}
 * and nothing else.
 *
 * @param prefix what the line starts with, e.g. {@code summary:}
 * @param fields the pairs, in order
 * @param group the bracketed pairs, in order (empty if there is no group)
 */
public record ResultLine(String prefix, Map<String, String> fields, Map<String, String> group) {

    public ResultLine {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        group = Collections.unmodifiableMap(new LinkedHashMap<>(group));
    }

    public static Builder builder(String prefix) {
        return new Builder(prefix);
    }

    /** The text of the line. */
    public String format() {
        StringBuilder sb = new StringBuilder(prefix);
        fields.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        if (!group.isEmpty()) {
            sb.append(" [");
            String sep = "";
            for (Map.Entry<String, String> e : group.entrySet()) {
                sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = " ";
            }
            sb.append(']');
        }
        return sb.toString();
    }

    /** Whether {@code line} is a {@code prefix} line (the prefix, then a space or the end). */
    private static boolean isOne(String prefix, String line) {
        return line.equals(prefix) || line.startsWith(prefix + " ");
    }

    /** The last {@code prefix} line among {@code lines} (a child's whole standard output), parsed. */
    public static Optional<ResultLine> last(String prefix, List<String> lines) {
        String found = null;
        for (String l : lines) {
            if (isOne(prefix, l)) {
                found = l;
            }
        }
        return found == null ? Optional.empty() : Optional.of(parse(prefix, found));
    }

    /**
     * Reads a line made by {@link #format}.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static ResultLine parse(String prefix, String line) {
        if (!isOne(prefix, line)) {
            throw new IllegalArgumentException("not a result line (it should start with '" + prefix + "'): " + line);
        }
        String rest = line.substring(prefix.length()).strip();
        String grouped = "";
        int open = rest.indexOf('[');
        if (open >= 0) {
            if (!rest.endsWith("]") || rest.indexOf('[', open + 1) >= 0) {
                throw new IllegalArgumentException("result line: only one [...] group, at the end: " + line);
            }
            grouped = rest.substring(open + 1, rest.length() - 1).strip();
            rest = rest.substring(0, open).strip();
        }
        return new ResultLine(prefix, pairs(rest, line), pairs(grouped, line));
    }

    /** The value of {@code key}; fails if the line has none. */
    public String text(String key) {
        String v = fields.get(key);
        if (v == null) {
            throw new IllegalArgumentException("result line without " + key + "=: " + format());
        }
        return v;
    }

    /** The number at {@code key}, finite; fails if it is missing or not a number. */
    public double number(String key) {
        return number(key, text(key));
    }

    /** Every field as a number. */
    public Map<String, Double> numbers() {
        Map<String, Double> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k, number(k, v)));
        return out;
    }

    /** The whole number at {@code key}; fails if it is missing or not one. */
    public long count(String key) {
        return count(key, text(key));
    }

    /** The bracketed group as whole numbers. */
    public Map<String, Long> groupCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        group.forEach((k, v) -> out.put(k, count(k, v)));
        return out;
    }

    private double number(String key, String text) {
        try {
            double d = Double.parseDouble(text);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below, with the line
        }
        throw new IllegalArgumentException("result line: '" + key + "=" + text + "' is not a number: " + format());
    }

    private long count(String key, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("result line: '" + key + "=" + text + "' is not a whole number: " + format());
        }
    }

    private static Map<String, String> pairs(String text, String line) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String token : text.split(" +")) {
            int eq = token.indexOf('=');
            if (eq <= 0 || eq == token.length() - 1 || out.put(token.substring(0, eq), token.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("result line: '" + token + "' is not a new key=value: " + line);
            }
        }
        return out;
    }

    /** Builds a line pair by pair, refusing what would not read back. */
    public static final class Builder {
        private final String prefix;
        private final Map<String, String> fields = new LinkedHashMap<>();
        private final Map<String, String> group = new LinkedHashMap<>();

        private Builder(String prefix) {
            this.prefix = checked(prefix);
        }

        public Builder text(String key, String value) {
            put(fields, key, value);
            return this;
        }

        public Builder count(String key, long value) {
            return text(key, Long.toString(value));
        }

        /** A figure; NaN stands for one not made and is left out of the line. */
        public Builder number(String key, double value) {
            if (!Double.isNaN(value)) {
                text(key, plain(value));
            }
            return this;
        }

        /** A pair of the bracketed group. */
        public Builder groupCount(String key, long value) {
            put(group, key, Long.toString(value));
            return this;
        }

        public ResultLine build() {
            return new ResultLine(prefix, fields, group);
        }

        private static void put(Map<String, String> into, String key, String value) {
            if (into.put(checked(key), checked(value)) != null) {
                throw new IllegalArgumentException("result line: " + key + "= twice");
            }
        }

        private static String checked(String s) {
            if (s.isEmpty() || s.chars().anyMatch(c -> Character.isWhitespace(c) || c == '=' || c == '[' || c == ']')) {
                throw new IllegalArgumentException("'" + s + "' cannot go into a result line (empty, or a space, '=' or bracket)");
            }
            return s;
        }

        private static String plain(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("result line: " + value + " is not a number");
            }
            String s = String.format(Locale.ROOT, "%.4f", value);
            return s.contains(".") ? s.replaceAll("\\.?0+$", "") : s;
        }
    }
}
