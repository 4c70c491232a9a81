package io.muxlab.delay;

import io.muxlab.delay.log.CompactionStep;
import java.nio.file.Path;

/** Child JVM for the compaction test: compacts the queue and dies ({@code Runtime.halt}) at the given step. */
public final class CompactionCrashMain {
    static final int HALTED = 99;

    private CompactionCrashMain() {
    }

    public static void main(String[] args) throws Exception {
        CompactionStep stopAt = CompactionStep.valueOf(args[1]);
        QueueOptions options = QueueOptions.defaults().withCompactionProbe(step -> {
            if (step == stopAt) {
                Runtime.getRuntime().halt(HALTED);
            }
        });
        DelayQueue q = DelayQueue.open(Path.of(args[0]), options);
        q.compact();
        System.exit(1);
    }
}
