package io.muxlab.harness.run;

import io.muxlab.harness.launch.Contender;
import java.nio.file.Path;
import java.util.List;

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
 * @param docs the docs folder, relative to {@code out}, for links
 * @param fileLimit the harness's own soft RLIMIT_NOFILE (it holds the client side of every connection)
 */
public record Settings(boolean quick, long warmupNanos, long measureNanos, List<Contender> contenders, int depth,
        double rate, int clientThreads, Path out, String docs, long fileLimit) {

    public Settings {
        contenders = List.copyOf(contenders);
    }

    /** A link to a docs page, e.g. {@code select-poll-epoll.md}. */
    public String doc(String page) {
        return docs + "/" + page;
    }
}
