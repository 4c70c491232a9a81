package io.muxlab.delay.cli;

import io.muxlab.delay.Task;
import io.muxlab.delay.TaskHandler;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The built-in {@code print} handler: the payload and a newline on standard output, in one write.
 * A write that fails (a closed pipe, a full disk) is the task's failure, retried and then dead like any
 * other: the task is acknowledged only once its line was handed to the kernel. Hence a plain stream,
 * which throws, and not a {@link java.io.PrintStream}, which swallows the error.
 */
final class PrintHandler implements TaskHandler {
    private final OutputStream out;

    PrintHandler(OutputStream out) {
        this.out = out;
    }

    @Override
    public void handle(Task task) throws IOException {
        byte[] line = new byte[task.payload().length + 1];
        System.arraycopy(task.payload(), 0, line, 0, task.payload().length);
        line[line.length - 1] = '\n';
        synchronized (this) {
            out.write(line);
            out.flush();
        }
    }
}
