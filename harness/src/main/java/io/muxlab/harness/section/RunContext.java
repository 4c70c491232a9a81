package io.muxlab.harness.section;

import java.nio.file.Path;

/**
 * What a run gets from the runner.
 *
 * @param settings the harness's settings
 * @param index this run's number, from 1
 */
public record RunContext(Settings settings, int index) {
    /** Where a server started by this run writes its standard error. */
    public Path log(String name) {
        return settings.out().resolve("logs").resolve(String.format("%03d-%s.log", index, name.replaceAll("[^A-Za-z0-9._-]", "_")));
    }
}
