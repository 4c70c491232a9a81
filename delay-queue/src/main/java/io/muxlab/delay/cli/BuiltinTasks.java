package io.muxlab.delay.cli;

import io.muxlab.delay.DelayQueue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Registers the two built-in tasks on a queue: {@code print} and {@code append}. Without an append
 * file, {@code append} tasks fail (and so retry, then go dead) with a message saying what is missing;
 * {@code run} refuses to start in that case when such tasks are already waiting.
 */
final class BuiltinTasks {
    private BuiltinTasks() {
    }

    /**
     * Registers both, {@code print} writing to {@code printTo}; returns the append handler to close
     * when done, or null without an append file.
     */
    static AppendHandler register(DelayQueue queue, Path appendTo, OutputStream printTo) throws IOException {
        queue.register("print", new PrintHandler(printTo));
        if (appendTo == null) {
            queue.register("append", task -> {
                throw new IllegalStateException("append tasks need 'run --append-to FILE'");
            });
            return null;
        }
        AppendHandler append = new AppendHandler(appendTo);
        queue.register("append", append);
        return append;
    }
}
