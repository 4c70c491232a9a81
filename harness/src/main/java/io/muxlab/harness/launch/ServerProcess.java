package io.muxlab.harness.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A contender running as its own child process. Every contender is started the same way: through
 * {@code sh -c 'ulimit -n HARD; exec ...'} so its soft RLIMIT_NOFILE is raised to the hard limit
 * (the idle-descriptor scenario needs thousands of sockets) and the shell is replaced by the
 * server, whose pid is then the one whose CPU is read. Standard output is read for the first line
 * ({@code listening on HOST:PORT}) and the summary; standard error goes to a log file.
 *
 * <p>{@link #stop} sends SIGTERM and waits for the summary; {@link #close} makes sure the process
 * is gone on every path (SIGKILL after a bounded wait).
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("^listening on ([^\\s:]+):(\\d+)$");
    private static final long START_SECONDS = 20;
    private static final long STOP_SECONDS = 10;
    private static final String END = "\u0000end";

    private final Process process;
    private final InetSocketAddress address;
    private final LinkedBlockingQueue<String> lines;
    private final Path log;

    private ServerProcess(Process process, InetSocketAddress address, LinkedBlockingQueue<String> lines, Path log) {
        this.process = process;
        this.address = address;
        this.lines = lines;
        this.log = log;
    }

    /** Starts {@code contender} and waits (bounded) until it serves; standard error goes to {@code log}. */
    public static ServerProcess start(Contender contender, Path log) throws IOException {
        int port = contender.announcesPort() ? 0 : freePort();
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -n \"$(ulimit -Hn)\" 2>/dev/null; exec \"$@\"", "sh"));
        if (contender.kind() == Contender.Kind.EXTERNAL) {
            cmd = new ArrayList<>(List.of("/bin/sh", "-c",
                    "ulimit -n \"$(ulimit -Hn)\" 2>/dev/null; exec " + String.join(" ", contender.commandFor(port))));
        } else {
            cmd.addAll(contender.commandFor(port));
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> pump(p, lines), "stdout-" + contender.name());
        reader.setDaemon(true);
        reader.start();
        try {
            InetSocketAddress address = contender.announcesPort() ? awaitListening(contender, p, lines, log)
                    : awaitPort(contender, p, port, log);
            return new ServerProcess(p, address, lines, log);
        } catch (IOException | RuntimeException e) {
            kill(p);
            throw e;
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    public long pid() {
        return process.pid();
    }

    /** CPU time the server has used so far, all threads. */
    public long cpuNanos() {
        try {
            return ProcStat.cpuNanos(process.pid());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of " + process.pid() + " (did it exit?)", e);
        }
    }

    /**
     * SIGTERM, then waits for the process to print its summary and exit.
     *
     * @return the parsed summary ({@link Summary#NONE} for a server that prints none)
     * @throws IOException if it does not exit in time or exits with a failure status
     */
    public Summary stop() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                kill(process);
                throw new IOException("the server did not stop within " + STOP_SECONDS + " s of SIGTERM");
            }
            String summary = null;
            for (String line = lines.poll(STOP_SECONDS, TimeUnit.SECONDS); line != null && !END.equals(line);
                    line = lines.poll(STOP_SECONDS, TimeUnit.SECONDS)) {
                if (line.startsWith("summary:")) {
                    summary = line;
                }
            }
            int status = process.exitValue();
            // 143 = killed by SIGTERM without a handler: an external server that simply dies on TERM.
            if (status != 0 && status != 143) {
                throw new IOException("the server exited with status " + status + "; see " + log);
            }
            return Summary.parse(summary);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            throw new IOException("interrupted while stopping the server", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill(process);
        }
    }

    private static InetSocketAddress awaitListening(Contender c, Process p, LinkedBlockingQueue<String> lines, Path log)
            throws IOException {
        try {
            String first = lines.poll(START_SECONDS, TimeUnit.SECONDS);
            if (first == null || END.equals(first)) {
                throw new IOException(c.name() + " did not print 'listening on HOST:PORT' within " + START_SECONDS
                        + " s" + exited(p) + "; see " + log);
            }
            Matcher m = LISTENING.matcher(first.trim());
            if (!m.matches()) {
                throw new IOException(c.name() + " printed '" + first + "' first, not 'listening on HOST:PORT'; see " + log);
            }
            return new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + c.name(), e);
        }
    }

    private static InetSocketAddress awaitPort(Contender c, Process p, int port, Path log) throws IOException {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException(c.name() + " exited with status " + p.exitValue() + " before listening on "
                        + port + "; see " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(address, 200);
                return address;
            } catch (IOException notYet) {
                sleepMillis(50);
            }
        }
        throw new IOException(c.name() + " did not listen on port " + port + " within " + START_SECONDS + " s; see " + log);
    }

    private static String exited(Process p) {
        return p.isAlive() ? "" : " (it exited with status " + p.exitValue() + ")";
    }

    private static void pump(Process p, LinkedBlockingQueue<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process went away mid-line; what was read is what there is.
        } finally {
            lines.add(END);
        }
    }

    private static void kill(Process p) {
        p.destroyForcibly();
        try {
            p.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
