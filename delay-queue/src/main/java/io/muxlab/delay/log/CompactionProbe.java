package io.muxlab.delay.log;

/**
 * A seam into compaction: told each {@link CompactionStep} as it is reached. The crash tests stop
 * the JVM there ({@code Runtime.halt}); a queue may also use it to log progress.
 */
@FunctionalInterface
public interface CompactionProbe {
    CompactionProbe NONE = step -> {
    };

    void reached(CompactionStep step);
}
