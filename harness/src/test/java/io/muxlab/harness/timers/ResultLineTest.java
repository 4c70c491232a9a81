package io.muxlab.harness.timers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultLineTest {
    @Test
    void whatTheChildPrintsTheHarnessReadsBack() {
        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put("timers", 10_000);
        figures.put("p50Micros", 41.25);
        figures.put("p99Micros", 1803.5);
        String line = ResultLine.format(figures);
        assertEquals("timer-result timers=10000 p50Micros=41.250 p99Micros=1803.500", line);

        Map<String, Double> read = ResultLine.parse(List.of(line));
        assertEquals(List.of("timers", "p50Micros", "p99Micros"), List.copyOf(read.keySet()));
        assertEquals(10_000.0, read.get("timers"));
        assertEquals(41.25, read.get("p50Micros"));
        assertEquals(1803.5, read.get("p99Micros"));
    }

    @Test
    void otherOutputAroundTheLineIsIgnoredAndTheLastLineCounts() {
        Map<String, Double> read = ResultLine.parse(List.of("a warning from a library", "timer-result opsPerSecond=1.5",
                "timer-result opsPerSecond=2.5", "timer-results are not this"));
        assertEquals(Map.of("opsPerSecond", 2.5), read);
    }

    @Test
    void aChildThatPrintedNoResultOrAGarbledOneIsAClearError() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ResultLine.parse(List.of("started", "")));
        assertTrue(none.getMessage().contains("no 'timer-result' line"), none.getMessage());
        IllegalArgumentException garbled = assertThrows(IllegalArgumentException.class,
                () -> ResultLine.parse(List.of("timer-result timers=1000 p99Micros=fast")));
        assertTrue(garbled.getMessage().contains("'p99Micros=fast'"), garbled.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ResultLine.parse(List.of("timer-result timers")));
        assertThrows(IllegalArgumentException.class, () -> ResultLine.parse(List.of("timer-result =3")));
    }
}
