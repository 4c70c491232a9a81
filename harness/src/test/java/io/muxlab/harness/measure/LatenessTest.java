package io.muxlab.harness.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatenessTest {
    @Test
    void percentilesOfMicrosAndNanosAgreeToThreeDigits() {
        long[] micros = new long[100];
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            micros[i] = i + 1;
            nanos[i] = (i + 1) * 1000L;
        }
        Lateness m = Lateness.ofMicros(micros);
        assertEquals(new Lateness(100, 50, 99, 100), m);
        Lateness n = Lateness.ofNanos(nanos);
        // Three significant digits: the same figures to within a part in a thousand.
        assertEquals(m.p50Micros(), n.p50Micros(), m.p50Micros() / 1000);
        assertEquals(m.p99Micros(), n.p99Micros(), m.p99Micros() / 1000);
        assertEquals(m.maxMicros(), n.maxMicros(), m.maxMicros() / 1000);
    }

    @Test
    void anEarlyRunCountsAsOnTime() {
        assertEquals(new Lateness(2, 0, 7, 7), Lateness.ofMicros(new long[] {-5, 7}));
    }
}
