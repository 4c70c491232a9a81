package io.muxlab.harness.format;

import java.util.Locale;
import java.util.Map;

/**
 * Just enough JSON for results.json: arrays of flat objects of strings, numbers, booleans, nulls
 * and string-to-number maps, one object per line so the file diffs and greps well. Written by hand
 * because none of the pinned libraries writes JSON and the rows are this simple; no Jackson for it.
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private boolean first = true;
    private int depth;

    public JsonWriter beginArray() {
        separate();
        out.append('[');
        first = true;
        depth++;
        return this;
    }

    public JsonWriter endArray() {
        depth--;
        out.append(depth == 0 ? "\n]\n" : "]");
        first = false;
        return this;
    }

    public JsonWriter beginObject() {
        separate();
        if (depth == 1) {
            out.append('\n');
        }
        out.append('{');
        first = true;
        depth++;
        return this;
    }

    public JsonWriter endObject() {
        depth--;
        out.append('}');
        first = false;
        return this;
    }

    public JsonWriter field(String name, String value) {
        name(name);
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        return this;
    }

    public JsonWriter field(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    public JsonWriter field(String name, boolean value) {
        name(name);
        out.append(value);
        return this;
    }

    /** A number; NaN and infinities (no JSON for them) become null. */
    public JsonWriter field(String name, double value) {
        name(name);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.append("null");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            // Four decimals, trailing zeros dropped, and the point with them when nothing is left after it:
            // 2.99999 rounds to "3.0000", which must become 3, not "3." (not JSON).
            out.append(String.format(Locale.ROOT, "%.4f", value).replaceAll("\\.?0+$", ""));
        }
        return this;
    }

    public JsonWriter field(String name, Map<String, Long> counts) {
        name(name);
        out.append('{');
        String sep = "";
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            out.append(sep);
            string(e.getKey());
            out.append(':').append(e.getValue());
            sep = ",";
        }
        out.append('}');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void name(String name) {
        separate();
        string(name);
        out.append(':');
    }

    private void separate() {
        if (!first) {
            out.append(',');
        }
        first = false;
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
