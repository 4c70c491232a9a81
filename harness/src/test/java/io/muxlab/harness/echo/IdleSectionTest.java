package io.muxlab.harness.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdleSectionTest {
    @Test
    void takesEveryPointTheDescriptorLimitAllows() {
        assertEquals(List.of(10, 100, 1000, 5000, 15000), IdleSection.points(false, 20_000));
        assertEquals(List.of(10, 1000), IdleSection.points(true, 20_000));
    }

    @Test
    void endsAtTheLimitInsteadOfLeavingTheBigPointsOut() {
        int cap = 4096 - IdleSection.RESERVED_DESCRIPTORS;
        assertEquals(List.of(10, 100, 1000, cap), IdleSection.points(false, 4096));
    }
}
