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
 * @param warmupNanos load before each measured window; for an echo server, before its first window
 *     only ({@link #firstWarmupNanos}), its later ones get {@link #settleNanos}
 * @param measureNanos each measured window; an echo point's is split over its repeats ({@link #echoWindowNanos})
 * @param contenders the servers, in report order
 * @param depth closed loop: messages in flight per connection
 * @param rate open loop: offered messages per second
 * @param clientThreads load threads
 * @param out where the report goes
 * @param docs the folder of the rendered docs pages, relative to {@code out}, for links
 * @param fileLimit the harness's own soft RLIMIT_NOFILE (it holds the client side of every connection)
 * @param repeats how many times each echo and wait-cost point is measured, interleaved in rounds
 *     ({@link Rounds}) so that a disturbance of the machine falls on different contenders each time
 *     (the report shows the median and the range)
 */
public record Settings(boolean quick, long warmupNanos, long measureNanos, List<Contender> contenders, int depth,
        double rate, int clientThreads, Path out, String docs, long fileLimit,
        int repeats) {

    /**
     * The least load a fresh echo server gets before its first window, whatever {@code --warmup}
     * says: Netty, with the most code to compile, measured 36–73 µs of CPU per echo after 150 ms and
     * about 12 µs warm, and is near its warm figure after a second.
     */
    public static final long JIT_WARMUP_NANOS = 1_000_000_000L;
    /**
     * The load a warm echo server gets before a later window: its code is compiled and its
     * connections were opened and pinged before the warm-up, so only the load threads start.
     */
    public static final long SETTLE_NANOS = 100_000_000L;
    /** The shortest echo window, however many repeats share {@code --duration}. */
    public static final long MIN_ECHO_WINDOW_NANOS = 100_000_000L;

    public Settings {
        contenders = List.copyOf(contenders);
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, not " + repeats);
        }
    }

    /** One echo window: {@code --duration} shared by the point's repeats, so more repeats cost no more measuring. */
    public long echoWindowNanos() {
        return Math.max(MIN_ECHO_WINDOW_NANOS, measureNanos / repeats);
    }

    /** Load before an echo server's first window: {@code --warmup}, and at least {@link #JIT_WARMUP_NANOS}. */
    public long firstWarmupNanos() {
        return Math.max(warmupNanos, JIT_WARMUP_NANOS);
    }

    /** Load before a warm echo server's later windows: {@link #SETTLE_NANOS}, or {@code --warmup} if shorter. */
    public long settleNanos() {
        return Math.min(warmupNanos, SETTLE_NANOS);
    }

    /** How the echo points were measured, as the report's machine facts and --help say it. */
    public String echoWindows() {
        return String.format(Locale.ROOT, "%d window%s of %.2f s per point, interleaved in rounds; each server started once "
                + "and kept warm: %.1f s of load before its first window, %.1f s before each later one; %d load thread(s)",
                repeats, repeats == 1 ? "" : "s", echoWindowNanos() / 1e9, firstWarmupNanos() / 1e9, settleNanos() / 1e9,
                clientThreads);
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
