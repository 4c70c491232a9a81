package io.muxlab.delay;

import java.nio.file.Path;

/** Child JVM for the lock test: opens a queue, says so, and holds it until its standard input closes. */
public final class HoldLockMain {
    private HoldLockMain() {
    }

    public static void main(String[] args) throws Exception {
        try (DelayQueue q = DelayQueue.open(Path.of(args[0]), QueueOptions.defaults())) {
            System.out.println("locked " + ProcessHandle.current().pid() + " " + q.stats().pending());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Holds the queue until the parent closes our standard input.
            }
        }
    }
}
