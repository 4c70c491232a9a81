package io.muxlab.harness.launch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-line summary an echo server prints when it stops, parsed for the figures the report
 * uses: {@code summary: server=epoll-et ... syscalls=123 [epoll_wait=40 read=41 write=42]}.
 *
 * @param syscalls total syscalls made through muxlab's syscall layer; -1 if the server does not count them
 * @param perSyscall calls by syscall name (empty if not counted)
 */
public record Summary(long syscalls, Map<String, Long> perSyscall) {
    private static final Pattern TOTAL = Pattern.compile("\\bsyscalls=(\\d+)");
    private static final Pattern DETAIL = Pattern.compile("\\[([^\\]]*)\\]\\s*$");

    public static final Summary NONE = new Summary(-1, Map.of());

    /** Parses a summary line; a server that made no counted syscall (a peer) gets {@link #NONE}. */
    public static Summary parse(String line) {
        if (line == null || !line.startsWith("summary:")) {
            return NONE;
        }
        Matcher total = TOTAL.matcher(line);
        if (!total.find()) {
            return NONE;
        }
        long n = Long.parseLong(total.group(1));
        Map<String, Long> detail = new LinkedHashMap<>();
        Matcher d = DETAIL.matcher(line);
        if (d.find()) {
            for (String pair : d.group(1).trim().split("\\s+")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    detail.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
                }
            }
        }
        if (n == 0 && detail.isEmpty()) {
            return NONE;
        }
        return new Summary(n, Collections.unmodifiableMap(detail));
    }

    public boolean counted() {
        return syscalls >= 0;
    }
}
