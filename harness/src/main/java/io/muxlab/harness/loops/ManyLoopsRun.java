package io.muxlab.harness.loops;

import io.muxlab.core.cli.EchoSummary;
import io.muxlab.core.cli.ResultLine;
import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.launch.ServerProcess;
import io.muxlab.harness.load.Clock;
import io.muxlab.harness.load.LoadClient;
import io.muxlab.harness.load.LoadResult;
import io.muxlab.harness.load.LoadSpec;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.RunContext;
import io.muxlab.harness.section.Settings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code epoll-echo --loops N --accept MODEL}: first {@link Herd}'s connections one by one, then
 * closed-loop load, through the one launcher;
 * after SIGTERM the server prints one {@code loop:} line per loop before its summary, and those
 * lines say who accepted what and who was woken for it.
 */
final class ManyLoopsRun implements PlannedRun {
    static final int MESSAGE_BYTES = 64;

    private final Contender base;
    private final String model;
    private final int loops;
    private final int connections;
    private final String server;

    ManyLoopsRun(Contender base, String model, int loops, int connections) {
        this.base = base;
        this.model = model;
        this.loops = loops;
        this.connections = connections;
        this.server = base.name() + " --loops " + loops + " --accept " + model;
    }

    @Override
    public String label() {
        return server + " conns=" + connections;
    }

    @Override
    public Row run(RunContext context) {
        Settings s = context.settings();
        List<String> command = new ArrayList<>(base.command());
        command.addAll(List.of("--loops", Integer.toString(loops), "--accept", model));
        Contender contender = base.variant(server, command);
        try (ServerProcess process = ServerProcess.start(contender, context.log(server))) {
            double switches = Herd.switchesPerConnection(process.pid(), loops, process.address());
            LoadSpec spec = new LoadSpec(process.address(), connections, 0, MESSAGE_BYTES, s.depth(), 0, s.warmupNanos(),
                    s.measureNanos(), s.clientThreads());
            LoadResult result = LoadClient.run(spec, Clock.SYSTEM, NO_WINDOW);
            process.stop(connections);
            List<Long> perLoopConnections = new ArrayList<>();
            List<Long> perLoopReads = new ArrayList<>();
            long wakeups = 0;
            for (String line : process.outputLines()) {
                if (line.startsWith(EchoSummary.LOOP_PREFIX + " ")) {
                    ResultLine loop = ResultLine.parse(EchoSummary.LOOP_PREFIX, line);
                    perLoopConnections.add(loop.count("connections"));
                    perLoopReads.add(loop.count("reads"));
                    wakeups += loop.count("listener_wakeups");
                }
            }
            if (perLoopConnections.size() != loops) {
                return failed("the server printed " + perLoopConnections.size() + " loop: lines, not " + loops);
            }
            long accepted = perLoopConnections.stream().mapToLong(Long::longValue).sum();
            return new ManyLoopsRow(model, server, loops, connections, perLoopConnections, perLoopReads, switches,
                    accepted == 0 ? Double.NaN : (double) wakeups / accepted, result.messagesPerSecond(), result.percentileMicros(99),
                    result.failed() ? 1 : 0, result.error());
        } catch (IOException | RuntimeException e) {
            return failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private ManyLoopsRow failed(String error) {
        return new ManyLoopsRow(model, server, loops, connections, List.of(), List.of(), Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 1, error);
    }

    /** The figures here come from the server's own counters and the load's histogram, not from CPU at the window's edges. */
    private static final LoadClient.Window NO_WINDOW = new LoadClient.Window() {
        @Override
        public void connected(int open) {
        }

        @Override
        public void started() {
        }

        @Override
        public void ended() {
        }
    };

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
