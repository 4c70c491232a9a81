package io.muxlab.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The accept policy on an injected clock: no kernel, no sleeping. */
class AcceptPolicyTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final AcceptPolicy policy = new AcceptPolicy(new PrintStream(logged, true, StandardCharsets.UTF_8), now::get);

    @Test
    void outOfDescriptorsWaitsForTheRetryOrACloseAndLogsOncePerEpisode() {
        policy.armed();
        assertEquals(-1, policy.timeoutNanos(), "armed: the loop may wait forever");
        policy.ended();
        policy.pause(new IllegalStateException("accept failed: EMFILE"), 5);
        assertTrue(policy.paused());
        assertEquals(AcceptPolicy.RETRY_NANOS, policy.timeoutNanos());
        assertFalse(policy.retryDue());

        now.addAndGet(AcceptPolicy.RETRY_NANOS / 2);
        assertEquals(AcceptPolicy.RETRY_NANOS / 2, policy.timeoutNanos(), "the wait shrinks as the retry nears");
        now.addAndGet(AcceptPolicy.RETRY_NANOS / 2);
        assertTrue(policy.retryDue());

        // The retry's accept fails again: counted, not logged again.
        policy.armed();
        assertFalse(policy.retryDue(), "armed: nothing to retry");
        policy.ended();
        policy.pause(new IllegalStateException("accept failed: EMFILE"), 5);
        assertEquals(1, lines("out of descriptors"), logged.toString(StandardCharsets.UTF_8));

        now.addAndGet(30_000_000L);
        policy.armed();
        policy.succeeded();
        assertFalse(policy.paused());
        assertEquals(-1, policy.timeoutNanos());
        String log = logged.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("accepting again after 130 ms out of descriptors (1 failed retries)"), log);
    }

    @Test
    void refusalsAreLoggedOncePerRunWithTheCountWhenServingResumes() {
        policy.refused("3 connections are open, the --max-connections limit");
        policy.refused("3 connections are open, the --max-connections limit");
        policy.serving();
        policy.serving();
        assertEquals(1, lines("refusing connections: 3 connections are open"));
        assertEquals(1, lines("accepting again after refusing 2 connection(s)"));
    }

    private long lines(String text) {
        return logged.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(text)).count();
    }
}
