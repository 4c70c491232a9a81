package io.muxlab.harness.section;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run gets from the runner.
 *
 * @param settings the harness's settings
 * @param index this run's number, from 1
 * @param shared what the runs of this harness run share, closed by the runner at the end
 * @param later the runs planned after this one, in order, so a run can tell whether anything it
 *     holds in {@code shared} is still needed
 */
public record RunContext(Settings settings, int index, Shared shared, List<PlannedRun> later) {
    public RunContext {
        later = List.copyOf(later);
    }

    /** A run made on its own: nothing is planned after it, so it releases whatever it shares itself. */
    public RunContext(Settings settings, int index) {
        this(settings, index, new Shared(), List.of());
    }

    /** Where a server started by this run writes its standard error. */
    public Path log(String name) {
        return settings.out().resolve("logs").resolve(String.format("%03d-%s.log", index, name.replaceAll("[^A-Za-z0-9._-]", "_")));
    }
}
