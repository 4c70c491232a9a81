package io.muxlab.delay.cli;

import io.muxlab.core.cli.UsageException;
import io.muxlab.delay.TaskRequest;
import io.muxlab.delay.log.RecordCodec;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The lines of an {@code enqueue --file}, {@code task,delay,payload} each, read one at a time so a
 * file of any size needs one line's memory. Lines are bytes up to {@code \n} (a {@code \r} before it
 * is dropped), checked as UTF-8 whole so a bad byte names its line; the payload is the rest of the line
 * after the second comma, taken as bytes. A UTF-8 byte order mark at the start is skipped (editors on
 * Windows write one). Blank lines are skipped.
 */
final class TaskFile implements AutoCloseable {
    /** Longest line kept: the largest payload any task can carry, plus room for a name and a delay. */
    private static final int MAX_LINE = RecordCodec.MAX_BODY_BYTES + 512;

    private final String name;
    private final InputStream in;
    private byte[] line = new byte[256];
    private int length;
    private long number;

    private TaskFile(String name, InputStream in) {
        this.name = name;
        this.in = in;
    }

    static TaskFile open(Path file) throws UsageException, IOException {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--file " + file + ": no such file");
        }
        return new TaskFile(file.getFileName().toString(), new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    /** The next task, or null at the end of the file. */
    TaskRequest next() throws IOException, UsageException {
        while (readLine()) {
            if (number == 1 && length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) {
                System.arraycopy(line, 3, line, 0, length - 3);
                length -= 3;
            }
            String where = name + " line " + number + ": ";
            String text = utf8(where);
            if (text.isBlank()) {
                continue;
            }
            int first = indexOf((byte) ',', 0);
            int second = first < 0 ? -1 : indexOf((byte) ',', first + 1);
            if (second < 0) {
                throw new UsageException(where + "expected 'task,delay,payload', got '" + Escapes.shown(text, 60) + "'");
            }
            String task = new String(line, 0, first, StandardCharsets.UTF_8).trim();
            Commands.checkTaskName(task, where);
            byte[] payload = Arrays.copyOfRange(line, second + 1, length);
            int max = RecordCodec.maxPayloadBytes(task.length());
            if (payload.length > max) {
                throw new UsageException(where + "a payload of " + payload.length + " bytes is larger than the largest a task can "
                        + "carry (" + max + ")");
            }
            try {
                return new TaskRequest(task, payload, Delays.parse(new String(line, first + 1, second - first - 1, StandardCharsets.UTF_8)));
            } catch (UsageException e) {
                throw new UsageException(where + e.getMessage());
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads one line into {@code line}; false at the end of the file. */
    private boolean readLine() throws IOException, UsageException {
        length = 0;
        boolean any = false;
        boolean tooLong = false;
        for (int b = in.read(); b >= 0; b = in.read()) {
            any = true;
            if (b == '\n') {
                break;
            }
            if (length == MAX_LINE) {
                tooLong = true;
                continue;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
            }
            line[length++] = (byte) b;
        }
        if (!any) {
            return false;
        }
        number++;
        if (tooLong) {
            throw new UsageException(name + " line " + number + ": longer than " + MAX_LINE + " bytes: a payload that large is more "
                    + "than a task can carry (" + RecordCodec.maxPayloadBytes(0) + " bytes at most)");
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return true;
    }

    private String utf8(String where) throws UsageException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new UsageException(where + "not valid UTF-8 (the file must be UTF-8 text)");
        }
    }

    private int indexOf(byte b, int from) {
        for (int i = from; i < length; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
