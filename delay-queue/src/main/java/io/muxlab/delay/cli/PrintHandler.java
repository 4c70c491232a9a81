package io.muxlab.delay.cli;

import io.muxlab.delay.Task;
import io.muxlab.delay.TaskHandler;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The built-in {@code print} handler: one line per task on standard output, the payload as UTF-8. */
final class PrintHandler implements TaskHandler {
    private final PrintStream out;

    PrintHandler(PrintStream out) {
        this.out = out;
    }

    @Override
    public void handle(Task task) {
        String line = new String(task.payload(), StandardCharsets.UTF_8);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
