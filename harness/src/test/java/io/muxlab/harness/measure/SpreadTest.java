package io.muxlab.harness.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.cli.ResultLine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpreadTest {
    @Test
    void theMedianIsTheMiddleRepeatAndTheRangeItsBounds() {
        Spread s = Spread.of(134, 51, 105);
        assertEquals(105, s.median());
        assertEquals(51, s.min());
        assertEquals(134, s.max());
        assertEquals(2, s.countWhere(v -> v > 100));
        assertEquals(78, Spread.of(51, 105).median(), "an even count: the mean of the middle two");
        assertEquals("105 (51–134)", s.format(v -> String.format("%.0f", v)));
        assertEquals("7", Spread.of(7).format(v -> String.format("%.0f", v)), "one repeat: no range");
        assertEquals("96", Spread.of(96.1, 96.2, 95.9).format(v -> String.format("%.0f", v)), "bounds that print alike: no range");
        assertTrue(Double.isNaN(Spread.NONE.median()));
        assertEquals(2, Spread.of(1, Double.NaN, 3).count(), "a repeat that measured nothing is left out");
    }

    @Test
    void repeatsGoThroughAResultLineAsNumberedKeys() {
        ResultLine.Builder b = ResultLine.builder("r");
        Spread.of(134, 51, 105).writeTo(b, "p99Micros");
        ResultLine line = ResultLine.parse("r", b.build().format() + " heapBytesPerTimer=96.25");
        assertEquals("r p99Micros.1=134 p99Micros.2=51 p99Micros.3=105 heapBytesPerTimer=96.25", line.format());
        Map<String, Spread> read = Spread.fromFields(line, List.of("p99Micros", "heapBytesPerTimer", "absent"));
        assertEquals(Map.of("p99Micros", Spread.of(134, 51, 105), "heapBytesPerTimer", Spread.of(96.25)), read);
        assertTrue(Spread.isRepeatOf("p99Micros.12", "p99Micros"));
        assertFalse(Spread.isRepeatOf("p99Micros.x", "p99Micros"));
        assertFalse(Spread.isRepeatOf("p99MicrosMax", "p99Micros"));
    }
}
