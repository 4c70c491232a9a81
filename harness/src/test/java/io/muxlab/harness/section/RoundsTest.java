package io.muxlab.harness.section;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsTest {
    /** A run that is only its label, {@code point contender #round}. */
    private record Labelled(String label) implements PlannedRun {
        @Override
        public Row run(RunContext context) {
            throw new UnsupportedOperationException("only planned");
        }
    }

    private static List<String> plan(int repeats, List<Integer> points, List<String> contenders) {
        return Rounds.of(repeats, points, contenders, (round, p, c) -> new Labelled(p + " " + c + " #" + round)).stream()
                .map(PlannedRun::label).toList();
    }

    @Test
    void everyPointWithEveryContenderOncePerRoundTheRoundsOneAfterAnother() {
        assertEquals(List.of(
                "10 a #1", "10 b #1", "10 c #1", "100 a #1", "100 b #1", "100 c #1",
                "10 b #2", "10 c #2", "10 a #2", "100 b #2", "100 c #2", "100 a #2",
                "10 c #3", "10 a #3", "10 b #3", "100 c #3", "100 a #3", "100 b #3"),
                plan(3, List.of(10, 100), List.of("a", "b", "c")));
    }

    @Test
    void eachRoundTurnsTheContendersByItsShareOfTheList() {
        List<String> six = List.of("a", "b", "c", "d", "e", "f");
        assertEquals(six, Rounds.rotated(six, 1, 3));
        assertEquals(List.of("c", "d", "e", "f", "a", "b"), Rounds.rotated(six, 2, 3));
        assertEquals(List.of("e", "f", "a", "b", "c", "d"), Rounds.rotated(six, 3, 3));
        assertEquals(List.of("a"), Rounds.rotated(List.of("a"), 2, 3));
        assertEquals(List.of("1 a #1"), plan(1, List.of(1), List.of("a")));
    }
}
