package io.muxlab.harness;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.cli.Cli;
import org.junit.jupiter.api.Test;

/** exec:java's entry returns on success and throws on failure; it never ends the JVM it runs in. */
class InProcessMainTest {
    @Test
    void helpReturns() {
        assertDoesNotThrow(() -> InProcessMain.main(new String[] {"--help"}));
    }

    @Test
    void aUsageErrorThrowsWithTheStatus() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> InProcessMain.main(new String[] {"--scenarios", "no-such-scenario"}));
        assertTrue(e.getMessage().contains("status " + Cli.EXIT_USAGE), e.getMessage());
    }
}
