package io.muxlab.core.echo;

import io.muxlab.core.cli.EchoSummary;
import io.muxlab.core.sys.Errno;
import io.muxlab.core.sys.Proc;
import io.muxlab.core.sys.ProcFs;
import io.muxlab.core.sys.SyscallException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A server under test in a child JVM whose RLIMIT_NOFILE is lowered to what it has open plus a
 * little headroom, so the out-of-descriptors check exercises the real EMFILE path of accept4
 * without starving the test's own JVM. The limit is set before the serving server starts, from what
 * a first, warm-up server held while running.
 *
 * <p>Arguments: the conformance class (its {@link EchoServerConformance#newServer()} makes the
 * server) and the headroom. Standard output: {@code listening on HOST:PORT}, then
 * {@code descriptor limit N}, and after a line (or the end) on standard input stops the server,
 * its loop lines (with several loops) and its summary line, as the mains print them. The loop runs on a thread named {@link #LOOP_THREAD}, whose CPU time the test
 * reads from /proc.
 */
final class EchoServerChild {
    static final String LOOP_THREAD = "echo-loop";

    private EchoServerChild() {
    }

    public static void main(String[] args) throws Exception {
        var constructor = Class.forName(args[0]).asSubclass(EchoServerConformance.class).getDeclaredConstructor();
        constructor.setAccessible(true);
        int headroom = Integer.parseInt(args[1]);

        // A first server loads every class the serving one needs and shows how many descriptors a
        // running server holds. The limit is lowered before the serving server starts: a request
        // armed earlier would keep the limit of its time (io_uring's accept reads RLIMIT_NOFILE
        // when the request is prepared, and a multishot accept is prepared once).
        RunningServer warm = RunningServer.start(constructor.newInstance().newServer(), EchoConfig.loopbackAnyPort(), "echo-warm-up");
        warmUp(warm);
        long limit = ProcFs.openDescriptors(ProcessHandle.current().pid()) + headroom;
        warm.stop(10_000);
        Proc.setOpenFileLimit(limit, Proc.openFileLimit().hard());
        EchoServer server = constructor.newInstance().newServer();
        RunningServer running = RunningServer.start(server, EchoConfig.loopbackAnyPort(), LOOP_THREAD);

        System.out.println("listening on " + running.address().getAddress().getHostAddress() + ":" + running.address().getPort());
        System.out.println("descriptor limit " + limit);
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        running.stop(10_000);
        server.loops().forEach(l -> System.out.println(EchoSummary.loopLine(l)));
        System.out.println(EchoSummary.line(server.name(), running.stats()));
        System.out.flush();
        System.exit(0);
    }

    /**
     * One echo, and the exception the EMFILE path throws: the class loader opens a file for every
     * class it loads from a directory, so whatever the loop needs once descriptors run out must be
     * loaded while they have not.
     */
    private static void warmUp(RunningServer running) throws Exception {
        try (Socket s = new Socket(running.address().getAddress(), running.address().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write('w');
            out.flush();
            if (s.getInputStream().read() != 'w') {
                throw new IllegalStateException("warm-up echo failed");
            }
        }
        RunningServer.eventually(10_000, "warm-up connection closed", () -> running.stats().open() == 0);
        String message = new SyscallException("accept4", Errno.EMFILE, "warm-up").getMessage();
        if (message.isEmpty()) {
            throw new IllegalStateException("no message");
        }
    }
}
