package io.muxlab.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.muxlab.core.cli.Cli;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The main's answers to bad input, and the duration syntax of --tick. */
final class TimerMainTest {

    @Test
    void badInputIsAUsageError() throws Exception {
        assertEquals(Cli.EXIT_USAGE, TimerMain.run(new String[] {}));
        assertEquals(Cli.EXIT_USAGE, TimerMain.run(new String[] {"--demo", "--strategy", "bogus"}));
        assertEquals(Cli.EXIT_USAGE, TimerMain.run(new String[] {"--demo", "--strategy", "wheel", "--tick", "5 parsecs"}));
        assertEquals(Cli.EXIT_USAGE, TimerMain.run(new String[] {"--demo", "--strategy", "wheel", "--tick", "2s"}));
        assertEquals(Cli.EXIT_USAGE, TimerMain.run(new String[] {"--demo", "--strategy", "wheel", "--tick", "1s"}));
        assertEquals(Cli.EXIT_USAGE, TimerMain.run(new String[] {"--demo", "--strategy", "wheel", "--tick", "1ns"}));
        assertEquals(Cli.EXIT_USAGE, TimerMain.run(new String[] {"--demo", "--strategy", "wheel", "--tick", "11ms"}));
        assertEquals(Cli.EXIT_USAGE, TimerMain.run(new String[] {"--demo", "--strategy", "wheel", "--slots", "100"}));
        assertEquals(Cli.EXIT_USAGE, TimerMain.run(new String[] {"--demo", "stray"}));
        assertEquals(Cli.EXIT_OK, TimerMain.run(new String[] {"--help"}));
    }

    @Test
    void durationsTakeAUnit() {
        assertEquals(Duration.ofNanos(250), Durations.parse("250ns"));
        assertEquals(Duration.ofNanos(500_000), Durations.parse("500us"));
        assertEquals(Duration.ofMillis(1), Durations.parse("1ms"));
        assertEquals(Duration.ofSeconds(2), Durations.parse(" 2s "));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("ms"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("10"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("10h"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("99999999999999999999ms"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("9223372036854776us"));
    }

    @Test
    void theDemoRunsToItsEnd() throws Exception {
        assertEquals(Cli.EXIT_OK, TimerMain.run(new String[] {"--strategy", "wheel", "--tick", "500us", "--slots", "64", "--demo"}));
    }
}
