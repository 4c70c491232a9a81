package io.muxlab.delay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.delay.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under a running queue (issue 13, defect 5), on a real ENOSPC: a 256 KiB tmpfs in a
 * private mount namespace ({@code unshare -rm}, so no root is needed and nothing outside sees it).
 * Skipped where the kernel or the sandbox refuses user namespaces.
 */
class FullDiskTest {
    private static final int TASKS = 1000;

    @TempDir
    Path tmp;

    @Test
    void aFailingLogWriteStopsTheQueueLoudlyAndLosesNothingAcknowledged() throws Exception {
        Path fs = Files.createDirectories(tmp.resolve("fs"));
        Path out = tmp.resolve("out.txt");
        Assumptions.assumeTrue(unshareWorks(fs), "unshare -rm with a tmpfs mount is not allowed here");
        List<String> cmd = new ArrayList<>(List.of("unshare", "-rm", "sh", "-c",
                "mount -t tmpfs -o size=256k none \"$0\" && exec \"$@\"", fs.toString()));
        cmd.addAll(ChildJvm.command(List.of("-Xmx128m"), FullDiskMain.class, fs.toString(), out.toString(), String.valueOf(TASKS)));
        Path stepsFile = tmp.resolve("steps.txt");
        Path errFile = tmp.resolve("err.txt");
        Process child = new ProcessBuilder(cmd).redirectOutput(stepsFile.toFile()).redirectError(errFile.toFile()).start();
        int status = ChildJvm.await(child, 120);
        String steps = Files.readString(stepsFile);
        String err = Files.readString(errFile);
        assertEquals(0, status, steps + err);

        assertTrue(steps.contains("enqueue 0\n"), steps + err);
        assertTrue(steps.contains("enqueue-full 1\n"), "a full disk is a failure, not bad input: " + steps + err);
        assertTrue(steps.contains("run-full 1\n"), "run stops and exits non-zero: " + steps + err);
        assertTrue(err.contains("ENOSPC"), "the errno is named: " + err);
        assertTrue(steps.contains("run 0\n"), steps + err);
        Set<String> ran = new HashSet<>(Files.readAllLines(out));
        for (int i = 0; i < TASKS; i++) {
            assertTrue(ran.contains("t" + i), "task t" + i + " never ran");
        }
    }

    private static boolean unshareWorks(Path fs) {
        try {
            Process p = new ProcessBuilder("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k none \"$0\"", fs.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
