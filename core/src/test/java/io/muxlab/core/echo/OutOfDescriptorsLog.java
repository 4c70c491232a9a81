package io.muxlab.core.echo;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a server logged about running out of descriptors, and the most retries and accept4 calls
 * that log allows: bounds computed from the server's own figures (how long each episode lasted,
 * how many retries failed), so they hold however slowly the machine ran the test.
 *
 * @param retryMillis the retry interval the first line of an episode names
 * @param episodes the ended episodes, in order
 */
record OutOfDescriptorsLog(long retryMillis, List<Episode> episodes) {
    /** What the first line of an episode says; its end line says {@code … out of descriptors (…}, without the colon. */
    static final String START = "out of descriptors:";
    static final String END = " ms out of descriptors (";

    private static final Pattern RETRY = Pattern.compile("retrying every (\\d+) ms");
    private static final Pattern ENDED =
            Pattern.compile("accepting again after (\\d+) ms out of descriptors \\((\\d+) failed retries\\)");

    /** One episode, from the first loop's failed accept to the last loop's recovery. */
    record Episode(long millis, long failedRetries) {
    }

    static OutOfDescriptorsLog parse(String stderr) {
        Matcher retry = RETRY.matcher(stderr);
        if (!retry.find()) {
            fail("no retry interval in: " + stderr);
        }
        List<Episode> episodes = new ArrayList<>();
        for (Matcher m = ENDED.matcher(stderr); m.find(); ) {
            episodes.add(new Episode(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
        }
        return new OutOfDescriptorsLog(Long.parseLong(retry.group(1)), List.copyOf(episodes));
    }

    /**
     * A paused loop retries once per interval and once per close of its own; every loop's pause
     * lies within the episode, whose logged length is truncated to a millisecond (the +1).
     */
    long mostFailedRetries(Episode e, int loops, int closes) {
        return loops * (e.millis() / retryMillis + 1) + closes;
    }

    /**
     * Every accept4 call takes a connection or ends a round of calls (EAGAIN, EMFILE). A round that
     * takes none was woken for a connection another loop took (per loop, at most one per connection),
     * or is a retry (which fails, counted in the log, or ends a pause), or opens a pause; a round
     * that takes some has one end, and so may a budget-spent round's sequel. A loop pauses once per
     * episode, and again only after a connection it took or one that arrived since. The +1: the
     * child's warm-up server's one connection, in the same process-wide syscall counts.
     */
    long mostAccepts(int loops, long accepted) {
        long failedRetries = episodes.stream().mapToLong(Episode::failedRetries).sum();
        long pauses = (long) loops * episodes.size() + (loops + 1) * (accepted + 1);
        return (loops + 3) * (accepted + 1) + 2 * pauses + failedRetries;
    }
}
