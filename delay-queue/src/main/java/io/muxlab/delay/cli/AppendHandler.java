package io.muxlab.delay.cli;

import io.muxlab.delay.Task;
import io.muxlab.delay.TaskHandler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The built-in {@code append} handler: appends the payload and a newline to a file with one
 * write, and fsyncs the file before returning, so a task the queue marks done is on disk. The
 * crash tests read this file as the record of what ran.
 */
final class AppendHandler implements TaskHandler, AutoCloseable {
    private final FileChannel out;

    AppendHandler(Path file) throws IOException {
        this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    public void handle(Task task) throws IOException {
        ByteBuffer line = ByteBuffer.allocate(task.payload().length + 1);
        line.put(task.payload()).put((byte) '\n').flip();
        synchronized (this) {
            while (line.hasRemaining()) {
                out.write(line);
            }
            out.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
