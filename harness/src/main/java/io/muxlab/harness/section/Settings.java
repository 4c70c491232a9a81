package io.muxlab.harness.section;

import io.muxlab.harness.launch.Contender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How this run of the harness was asked to go; every section plans from it.
 *
 * @param quick the reduced plan (fewer points per scenario)
 * @param warmupNanos load before each measured window
 * @param measureNanos each measured window
 * @param contenders the servers, in report order
 * @param depth closed loop: messages in flight per connection
 * @param rate open loop: offered messages per second
 * @param clientThreads load threads
 * @param out where the report goes
 * @param docs the folder of the rendered docs pages, relative to {@code out}, for links
 * @param fileLimit the harness's own soft RLIMIT_NOFILE (it holds the client side of every connection)
 * @param repeats how many times each echo point is measured, interleaved: every contender's first
 *     run of every point, then every second run, so that a disturbance of the machine falls on
 *     different contenders each time (the report shows the median and the range)
 */
public record Settings(boolean quick, long warmupNanos, long measureNanos, List<Contender> contenders, int depth,
        double rate, int clientThreads, Path out, String docs, long fileLimit,
        int repeats) {

    public Settings {
        contenders = List.copyOf(contenders);
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, not " + repeats);
        }
    }

    /** The servers, as the report lists them: {@code epoll-et (ours), jdk-nio (peer)}. */
    public String servers() {
        List<String> parts = new ArrayList<>();
        for (Contender c : contenders) {
            parts.add(c.name() + " (" + c.kind().name().toLowerCase(Locale.ROOT) + ")");
        }
        return String.join(", ", parts);
    }

    /**
     * Which JVM each contender ran on, one entry per JVM: {@code Java 17.0.15 (Debian, /usr/lib/jvm/…): select,
     * poll, …}; contenders that could not run and external commands are listed apart.
     */
    public List<String> jvms() {
        Map<String, List<String>> byJvm = new LinkedHashMap<>();
        for (Contender c : contenders) {
            String jvm = c.notRun() != null ? c.notRun()
                    : c.jvm() != null ? c.jvm() : "external command, not started by the harness's JVM";
            byJvm.computeIfAbsent(jvm, k -> new ArrayList<>()).add(c.name());
        }
        List<String> out = new ArrayList<>();
        byJvm.forEach((jvm, names) -> out.add(jvm + ": " + String.join(", ", names)));
        return out;
    }

    /** A link to a docs page named as in docs/, e.g. {@code select-poll-epoll.md#epoll}: its rendered {@code .html}. */
    public String doc(String page) {
        return docs + "/" + page.replaceFirst("\\.md(?=#|$)", ".html");
    }
}
