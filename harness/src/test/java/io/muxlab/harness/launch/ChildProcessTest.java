package io.muxlab.harness.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.muxlab.core.cli.ResultLine;
import io.muxlab.core.sys.Proc;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
    @Test
    void aChildThatRunsToItsEndLeavesItsLastResultLine(@TempDir Path dir) throws IOException {
        try (ChildProcess c = ChildProcess.start(List.of("/bin/sh", "-c",
                "echo chatter; echo 'r n=1'; echo 'r n=2 limit='\"$(ulimit -n)\""), dir.resolve("ok.log"))) {
            ResultLine r = c.result("r", 60_000, "child");
            assertEquals(2, r.count("n"));
            long hard = Proc.openFileLimit().hard();
            if (hard != Proc.UNLIMITED) {
                assertEquals(Long.toString(hard), r.text("limit"), "the soft descriptor limit is raised to the hard one");
            }
            assertFalse(c.isAlive());
        }
    }

    @Test
    void aFailureNamesTheChildsOwnComplaint(@TempDir Path dir) throws IOException {
        try (ChildProcess c = ChildProcess.start(List.of("/bin/sh", "-c",
                "echo 'warming up' >&2; echo 'child: no such facility' >&2; exit 3"), dir.resolve("fail.log"))) {
            IOException e = assertThrows(IOException.class, () -> c.result("r", 60_000, "child"));
            assertTrue(e.getMessage().startsWith("exited with status 3: child: no such facility"), e.getMessage());
        }
        try (ChildProcess c = ChildProcess.start(List.of("/bin/sh", "-c", "echo 'Exception in main' >&2; exit 1"),
                dir.resolve("trace.log"))) {
            IOException e = assertThrows(IOException.class, () -> c.result("r", 60_000, "child"));
            assertTrue(e.getMessage().contains("Exception in main"), e.getMessage());
        }
        try (ChildProcess c = ChildProcess.start(List.of("/bin/true"), dir.resolve("silent.log"))) {
            IOException e = assertThrows(IOException.class, () -> c.result("r", 60_000, "child"));
            assertTrue(e.getMessage().contains("printed no 'r' line"), e.getMessage());
        }
    }

    @Test
    void aChildThatOutlivesItsTimeIsKilled(@TempDir Path dir) throws IOException {
        try (ChildProcess c = ChildProcess.start(List.of("/bin/sleep", "600"), dir.resolve("slow.log"))) {
            assertTrue(c.cpu().toNanos() >= 0, "the JDK reads a child's CPU time");
            IOException e = assertThrows(IOException.class, () -> c.result("r", 100, "child"));
            assertTrue(e.getMessage().contains("was killed"), e.getMessage());
            assertFalse(c.isAlive());
        }
    }

    @Test
    void aShellCommandIsExecdOnceWhereverItsExecIs(@TempDir Path dir) throws IOException {
        // Each prints the pid of the shell that ends up running it: the child's own pid only if it was exec'd.
        String inner = "/bin/sh -c 'echo r pid=$$'";
        for (String command : List.of(inner, "exec " + inner, "cd / && exec " + inner)) {
            try (ChildProcess c = ChildProcess.startShell(command, dir.resolve("shell.log"))) {
                ResultLine r = c.result("r", 60_000, "sh");
                assertEquals(c.pid(), r.count("pid"), command);
            }
        }
    }

    @Test
    void execGoesBeforeASimpleCommandOnly() {
        assertTrue(ChildProcess.shellLine("/opt/cecho -p 7000").endsWith("; exec /opt/cecho -p 7000"));
        assertTrue(ChildProcess.shellLine(" exec ./server 7000").endsWith("; exec ./server 7000"));
        assertFalse(ChildProcess.shellLine("exec ./server 7000").contains("exec exec"));
        assertTrue(ChildProcess.shellLine("cd /srv && exec ./server 7000").endsWith("; cd /srv && exec ./server 7000"));
    }

    @Test
    void aRunningChildIsAskedOnItsInputAndEachAnswerIsTheNextLine(@TempDir Path dir) throws IOException {
        // Answers every line it reads with the number of lines read so far, and a half line it never ends.
        String script = "n=0; printf 'c n=0'; echo; while read q; do n=$((n+1)); echo \"c n=$n q=$q\"; done";
        try (ChildProcess c = ChildProcess.start(List.of("/bin/sh", "-c", script), dir.resolve("ask.log"))) {
            assertEquals(1, c.ask("x", "c", 10_000).count("n"));
            ResultLine second = c.ask("y", "c", 10_000);
            assertEquals(2, second.count("n"));
            assertEquals("y", second.text("q"));
        }
        try (ChildProcess c = ChildProcess.start(List.of("/bin/sh", "-c", "read q; exit 0"), dir.resolve("mute.log"))) {
            IOException e = assertThrows(IOException.class, () -> c.ask("x", "c", 10_000));
            assertTrue(e.getMessage().contains("before answering"), e.getMessage());
        }
    }
}
