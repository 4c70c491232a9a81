package io.muxlab.delay.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child JVM for the full-disk test, run on a small tmpfs of its own (a private mount namespace):
 * enqueues tasks, fills the file system, then runs them, which fails on the log write; then frees
 * the space and runs again. Prints each step's exit status as {@code STEP STATUS}.
 */
public final class FullDiskMain {
    private FullDiskMain() {
    }

    public static void main(String[] args) throws Exception {
        Path fs = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int tasks = Integer.parseInt(args[2]);
        String dir = fs.resolve("q").toString();
        Path file = out.resolveSibling("tasks.csv");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            lines.add("append,0ms,t" + i);
        }
        Files.write(file, lines);
        report("enqueue", DelayQueueMain.run(new String[] {"enqueue", "--dir", dir, "--file", file.toString()}));
        Path filler = fs.resolve("filler");
        fill(filler);
        report("enqueue-full", DelayQueueMain.run(new String[] {"enqueue", "--dir", dir, "--file", file.toString()}));
        report("run-full", DelayQueueMain.run(new String[] {"run", "--dir", dir, "--until-empty", "--workers", "2",
            "--append-to", out.toString()}));
        Files.delete(filler);
        report("run", DelayQueueMain.run(new String[] {"run", "--dir", dir, "--until-empty", "--workers", "2",
            "--append-to", out.toString()}));
        report("stats", DelayQueueMain.run(new String[] {"stats", "--dir", dir}));
    }

    private static void report(String step, int status) {
        System.out.println(step + " " + status);
        System.out.flush();
    }

    /** Writes zeros until the file system says it is full (tmpfs counts whole pages). */
    private static void fill(Path filler) throws IOException {
        try (OutputStream o = Files.newOutputStream(filler)) {
            byte[] chunk = new byte[4096];
            try {
                while (true) {
                    o.write(chunk);
                    o.flush();
                }
            } catch (IOException full) {
                if (!String.valueOf(full.getMessage()).contains("No space left")) {
                    throw full;
                }
            }
        }
    }
}
