package io.muxlab.delay.cli;

import static io.muxlab.delay.cli.CliRun.assertError;
import static io.muxlab.delay.cli.CliRun.assertUsageError;
import static io.muxlab.delay.cli.CliRun.run;
import static io.muxlab.delay.cli.CliRun.runWithInput;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.delay.ChildJvm;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user trying to break the queue did (issue 13), one test per way: each fails on the code
 * before the fix. The lock and a full disk have tests of their own ({@code ChildProcessTest},
 * {@code FullDiskTest}).
 */
class AdversarialUseTest {
    @TempDir
    Path tmp;

    @Test
    void aDirectoryThatIsNotAQueueIsRefusedAndLeftAlone() throws Exception {
        Path user = Files.createDirectories(tmp.resolve("userdir"));
        Files.writeString(user.resolve("report.tmp"), "the user's");
        Files.createDirectories(user.resolve("scratch.tmp"));
        for (String command : List.of("list", "stats", "enqueue", "run")) {
            String[] args = command.equals("enqueue")
                    ? new String[] {command, "--dir", user.toString(), "--task", "print"}
                    : new String[] {command, "--dir", user.toString()};
            CliRun.Result r = run(args);
            assertError(r, 1, "not a delay-queue directory");
        }
        assertEquals("the user's", Files.readString(user.resolve("report.tmp")));
        assertTrue(Files.isDirectory(user.resolve("scratch.tmp")));
        try (Stream<Path> files = Files.list(user)) {
            assertEquals(2, files.count(), "nothing created in it");
        }
        assertUsageError(run("list", "--dir", ""), "--dir is empty");
        assertUsageError(run("enqueue", "--dir", "", "--task", "print"), "--dir is empty");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(0, run("enqueue", "--dir", empty.toString(), "--task", "print").status(), "an empty directory becomes a queue");
        assertEquals(0, run("list", "--dir", empty.toString()).status());
    }

    @Test
    void readOnlyCommandsModifyNothing() throws Exception {
        String dir = tmp.resolve("q").toString();
        assertEquals(0, run("enqueue", "--dir", dir, "--task", "print", "--payload", "x").status());
        Path temp = Path.of(dir, "base-0000000000000001.tmp");
        Files.writeString(temp, "an unfinished compaction");
        byte[] before = snapshot(Path.of(dir));
        assertEquals(0, run("list", "--dir", dir).status());
        assertEquals(0, run("stats", "--dir", dir).status());
        assertArrayEquals(before, snapshot(Path.of(dir)));
        assertEquals(0, run("enqueue", "--dir", dir, "--task", "print").status());
        assertFalse(Files.exists(temp), "a writer removes what the queue itself left");
    }

    @Test
    void printChecksItsStreamSoAFailedWriteIsAFailedTask() throws Exception {
        String dir = tmp.resolve("q").toString();
        for (int i = 0; i < 3; i++) {
            assertEquals(0, run("enqueue", "--dir", dir, "--task", "print", "--payload", "line " + i).status());
        }
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(List.of("-Xmx128m"), DelayQueueMain.class, "run", "--dir", dir,
                "--until-empty", "--max-attempts", "1")).redirectOutput(new File("/dev/full")).redirectError(tmp.resolve("err").toFile());
        ChildJvm.await(pb.start(), 60);
        String err = Files.readString(tmp.resolve("err"));
        assertTrue(err.contains("No space left on device") || err.contains("ENOSPC"), err);
        CliRun.Result list = run("list", "--dir", dir);
        assertTrue(list.out().contains("dead 3"), list.out());
    }

    @Test
    void anArgumentThePlatformCouldNotDecodeIsRefusedAndPayloadFileTakesBytesExactly() throws Exception {
        String dir = tmp.resolve("q").toString();
        // What the JVM hands main() for 'café' under LANG=C, or for invalid UTF-8 in any locale.
        assertUsageError(run("enqueue", "--dir", dir, "--task", "print", "--payload", "caf\uFFFD"), "--payload-file");
        Path file = tmp.resolve("payload.bin");
        byte[] bytes = "café ☕".getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        assertEquals(0, run("enqueue", "--dir", dir, "--task", "print", "--payload-file", file.toString()).status());
        assertEquals(0, runWithInput("from stdin".getBytes(StandardCharsets.UTF_8), "enqueue", "--dir", dir, "--task", "print",
                "--payload-file", "-").status());
        CliRun.Result list = run("list", "--dir", dir);
        assertTrue(list.out().contains("café ☕") && list.out().contains("from stdin"), list.out());
    }

    @Test
    void aFileIsEnqueuedWholeOrNotAtAllAndABomIsSkipped() throws Exception {
        String dir = tmp.resolve("q").toString();
        Path file = tmp.resolve("tasks.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 1500; i++) {
                w.write("print,1h,good " + i + "\n");
            }
            char[] big = new char[17 << 20];
            Arrays.fill(big, 'x');
            w.write("print,1h,");
            w.write(big);
            w.write("\n");
        }
        assertUsageError(run("enqueue", "--dir", dir, "--file", file.toString()), "line 1501");
        assertTrue(run("stats", "--dir", dir).out().contains("pending 0"));

        Files.write(file, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "print,1s,one\nprint,2s,two\n"));
        CliRun.Result bom = run("enqueue", "--dir", dir, "--file", file.toString());
        assertEquals(0, bom.status(), bom.err());
        assertEquals("enqueued 2 tasks", bom.out().trim());

        Files.write(file, concat("print,1s,one\nprint,1s,caf".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE9, '\n'}));
        assertUsageError(run("enqueue", "--dir", dir, "--file", file.toString()), "line 2: not valid UTF-8");
        assertTrue(run("stats", "--dir", dir).out().contains("pending 2"));
    }

    @Test
    void aLargeFileStreamsInSmallMemoryWithProgressAndAKillEnqueuesNothing() throws Exception {
        String dir = tmp.resolve("q").toString();
        Path file = tmp.resolve("many.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 400_000; i++) {
                w.write("print,1h,task number " + i + "\n");
            }
        }
        Process small = new ProcessBuilder(ChildJvm.command(List.of("-Xmx40m"), DelayQueueMain.class, "enqueue", "--dir", dir,
                "--file", file.toString())).redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile()).start();
        int status = ChildJvm.await(small, 120);
        String err = Files.readString(tmp.resolve("err"));
        String out = Files.readString(tmp.resolve("out"));
        assertEquals(0, status, err);
        assertEquals("enqueued 400000 tasks", out.trim());
        assertTrue(err.contains("100000 lines"), "progress on standard error: " + err);

        // kill -9 once the first progress line shows it is midway: nothing of that file is enqueued.
        String other = tmp.resolve("q2").toString();
        Process killed = new ProcessBuilder(ChildJvm.command(List.of("-Xmx64m"), DelayQueueMain.class, "enqueue", "--dir", other,
                "--file", file.toString())).start();
        try (BufferedReader progress = new BufferedReader(new InputStreamReader(killed.getErrorStream(), StandardCharsets.UTF_8))) {
            String line = progress.readLine();
            assertTrue(line != null && line.contains("lines"), "a progress line before the end: " + line);
        } finally {
            ChildJvm.kill(killed);
        }
        assertTrue(run("stats", "--dir", other).out().contains("pending 0"));
    }

    @Test
    void aCorruptLastRecordIsKeptAsideAndReportedNotSilentlyTruncated() throws Exception {
        Path dir = tmp.resolve("q");
        assertEquals(0, run("enqueue", "--dir", dir.toString(), "--task", "print", "--payload", "first").status());
        assertEquals(0, run("enqueue", "--dir", dir.toString(), "--task", "print", "--payload", "second").status());
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(p -> p.getFileName().toString().startsWith("segment-")).max(Path::compareTo).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 2] ^= 0x01;
        Files.write(segment, bytes);

        CliRun.Result list = run("list", "--dir", dir.toString());
        assertTrue(list.err().contains("damaged") && list.err().contains(segment.getFileName().toString()), list.err());
        assertArrayEquals(bytes, Files.readAllBytes(segment), "list changed nothing");

        assertEquals(0, run("enqueue", "--dir", dir.toString(), "--task", "print", "--payload", "third").status());
        Path aside;
        try (Stream<Path> files = Files.list(dir)) {
            aside = files.filter(p -> p.getFileName().toString().startsWith("damaged-")).findFirst().orElseThrow();
        }
        byte[] kept = Files.readAllBytes(aside);
        assertTrue(new String(kept, StandardCharsets.ISO_8859_1).contains("seco"), "the damaged record's bytes are kept");
        CliRun.Result after = run("list", "--dir", dir.toString());
        assertTrue(after.out().contains("first") && after.out().contains("third"), after.out());
    }

    @Test
    void sigtermStopsRunEvenWhileStandardOutputIsStalled() throws Exception {
        String dir = tmp.resolve("q").toString();
        Path payload = tmp.resolve("big.txt");
        byte[] big = new byte[4 << 20];
        Arrays.fill(big, (byte) 'x');
        Files.write(payload, big);
        assertEquals(0, run("enqueue", "--dir", dir, "--task", "print", "--payload-file", payload.toString()).status());
        Process child = new ProcessBuilder(ChildJvm.command(List.of("-Xmx128m"), DelayQueueMain.class, "run", "--dir", dir))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            InputStream out = child.getInputStream();
            StringBuilder banner = new StringBuilder();
            for (int c = out.read(); c != '\n' && c >= 0; c = out.read()) {
                banner.append((char) c);
            }
            assertTrue(banner.toString().startsWith("running "), banner.toString());
            // One byte of the task's output: its handler is writing 4 MiB that nobody reads any more.
            assertEquals('x', out.read());
            child.toHandle().destroy();
            assertEquals(1, ChildJvm.await(child, 60), "stops with the handler still blocked, and says so");
        } finally {
            child.destroyForcibly();
        }
        assertTrue(run("list", "--dir", dir).out().startsWith("pending 1\n"), "the unfinished task runs again next time");
    }

    @Test
    void errorsSayWhatHappenedInWordsAndTimes() throws Exception {
        String dir = tmp.resolve("q").toString();
        Path payload = tmp.resolve("p.txt");
        Files.writeString(payload, "two\nlines\tand a tab\u001b[31m");
        assertEquals(0, run("enqueue", "--dir", dir, "--task", "append", "--payload-file", payload.toString()).status());
        CliRun.Result list = run("list", "--dir", dir);
        assertTrue(list.out().contains("two\\nlines\\tand a tab\\u001b[31m"), list.out());
        assertEquals(3, list.out().lines().count(), "one line per task: " + list.out());
        assertTrue(list.out().matches("(?s).*due 20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z.*"), list.out());

        CliRun.Result r = run("run", "--dir", dir, "--until-empty", "--max-attempts", "2", "--append-to", "/dev/full");
        assertFalse(r.err().contains("delay-queue: delay-queue:"), r.err());
        assertTrue(r.err().matches("(?s).*retry at 20\\d\\d-\\d\\d-\\d\\dT.*"), r.err());
        assertTrue(r.err().contains("now dead"), r.err());
    }

    private static byte[] concat(byte[] a, String b) {
        return concat(a, b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Every file's name, size and bytes, in name order. */
    private static byte[] snapshot(Path dir) throws Exception {
        StringBuilder s = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                s.append(p.getFileName()).append(' ').append(Arrays.hashCode(Files.readAllBytes(p))).append('\n');
            }
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
