package io.muxlab.harness.loops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The herd and the spread are stated from the rows, and denied when the rows do not show them. */
class ManyLoopsCaptionsTest {
    private static ManyLoopsRow row(String model, List<Long> perLoop, double switches) {
        return new ManyLoopsRow(model, "epoll-lt --loops 4 --accept " + model, 4, 100, perLoop, perLoop, switches, 0.5, 100_000,
                5000, 0, null);
    }

    @Test
    void theHerdShowsWhenSharedWakesClearlyMoreLoops() {
        List<ManyLoopsRow> herd = List.of(row("shared", List.of(30L, 25L, 22L, 23L), 4.4), row("exclusive", List.of(0L, 0L, 100L, 0L), 1.0),
                row("reuseport", List.of(24L, 24L, 25L, 27L), 1.1));
        String c = ManyLoopsCaptions.herd(herd);
        assertTrue(c.startsWith("Loop context switches per connection made one by one: shared 4.4, exclusive 1.0, reuseport 1.1. "
                + "The herd shows (in its one run)"), c);
        String none = ManyLoopsCaptions.herd(List.of(row("shared", List.of(30L, 25L, 22L, 23L), 1.2),
                row("exclusive", List.of(0L, 0L, 100L, 0L), 1.0)));
        assertTrue(none.contains("This run does not show a herd"), none);
    }

    @Test
    void theSpreadNamesWhoPiledAndWhoSpreadAndSaysSoWhenNoOnePiled() {
        String c = ManyLoopsCaptions.spread(List.of(row("shared", List.of(30L, 25L, 22L, 23L), 4.4),
                row("exclusive", List.of(0L, 0L, 100L, 0L), 1.0), row("reuseport", List.of(24L, 24L, 25L, 27L), 1.1)), 4);
        assertTrue(c.contains("exclusive piled them onto one loop: EPOLLEXCLUSIVE wakes the first loop waiting"), c);
        assertTrue(c.contains("reuseport spread them most evenly"), c);
        String even = ManyLoopsCaptions.spread(List.of(row("exclusive", List.of(26L, 24L, 25L, 25L), 1.0),
                row("reuseport", List.of(24L, 24L, 25L, 27L), 1.1)), 4);
        assertTrue(even.contains("No model piled the connections onto one loop in this run."), even);
        assertFalse(even.contains("EPOLLEXCLUSIVE wakes"), even);
    }
}
