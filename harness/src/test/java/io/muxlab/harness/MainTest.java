package io.muxlab.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.muxlab.core.cli.Cli;
import io.muxlab.core.cli.UsageException;
import io.muxlab.harness.launch.CpuPinning;
import io.muxlab.harness.section.Section;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MainTest {
    private static final Path HERE = Path.of("").toAbsolutePath();

    @Test
    void badInputIsAUsageError() {
        assertEquals(Cli.EXIT_USAGE, Main.run(new String[] {"--servers", "nginx"}, HERE));
        assertEquals(Cli.EXIT_USAGE, Main.run(new String[] {"--scenarios", "everything"}, HERE));
        assertEquals(Cli.EXIT_USAGE, Main.run(new String[] {"--duration", "soon"}, HERE));
        assertEquals(Cli.EXIT_USAGE, Main.run(new String[] {"--external", "x=/bin/true"}, HERE));
        assertEquals(Cli.EXIT_USAGE, Main.run(new String[] {"stray"}, HERE));
    }

    @Test
    void aSectionThatDrawsOnOthersBringsThemAndIsShownWhenTheyRun() throws UsageException {
        assertEquals(List.of("fixed-rate", "connections", "readiness-vs-completion"),
                ids(Main.sections(List.of("fixed-rate", "connections"))));
        assertEquals(List.of("connections", "fixed-rate", "readiness-vs-completion"),
                ids(Main.sections(List.of("readiness-vs-completion"))));
        assertEquals(List.of("connections"), ids(Main.sections(List.of("connections"))));
    }

    private static List<String> ids(List<Section> sections) {
        return sections.stream().map(Section::id).toList();
    }

    @Test
    void pinningComesOnlyAfterEveryOptionIsRead() {
        assertEquals(Cli.EXIT_USAGE, Main.run(new String[] {"--pin", "--depth", "0"}, HERE));
        assertEquals(Optional.empty(), CpuPinning.active(), "a usage error pins nothing");
    }

    @Test
    void helpExitsZero() {
        assertEquals(Cli.EXIT_OK, Main.run(new String[] {"--help"}, HERE));
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertEquals(2_000_000_000L, Durations.parseNanos("2s"));
        assertEquals(500_000_000L, Durations.parseNanos("500ms"));
        assertEquals(1_500_000_000L, Durations.parseNanos("1.5"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos("-1s"));
    }
}
