package io.muxlab.delay.cli;

/**
 * Payloads as a terminal may show them: control characters (a newline, an escape sequence) become
 * backslash escapes (n, r, t, or u and four hex digits), and a backslash is doubled, so one task is
 * one line and nothing in a payload can move the cursor or recolour the screen.
 */
final class Escapes {
    private Escapes() {
    }

    /** The text escaped, cut at {@code max} characters of the original with "..." if longer. */
    static String shown(String text, int max) {
        StringBuilder out = new StringBuilder();
        int end = Math.min(text.length(), max);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return end < text.length() ? out.append("...").toString() : out.toString();
    }
}
