package io.muxlab.harness.echo;

import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.launch.MemorySample;
import io.muxlab.harness.launch.ServerProcess;
import io.muxlab.harness.launch.Summary;
import io.muxlab.harness.load.Clock;
import io.muxlab.harness.load.ConnectionRefused;
import io.muxlab.harness.load.LoadClient;
import io.muxlab.harness.load.LoadResult;
import io.muxlab.harness.load.LoadSpec;
import io.muxlab.harness.section.PlannedRun;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.RunContext;
import io.muxlab.harness.section.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One echo run: start the server as a child process, load it, sample its memory once the
 * connections are open, its CPU and (where it answers) its syscall counts at the edges of the measured
 * window, stop it with SIGTERM and read its summary. A server that cannot be asked keeps the
 * summary's whole-life counts, marked so; a fresh process per run, so those belong to this run alone.
 */
final class EchoRun implements PlannedRun {
    private final String scenario;
    private final Contender contender;
    private final int active;
    private final int idle;
    private final int messageBytes;
    private final double rate;
    private final String label;

    /** {@code repeat}: which run of its point this is, from 1 ({@link Settings#repeats}), for the label. */
    EchoRun(String scenario, Contender contender, int repeat, int active, int idle, int messageBytes, double rate, String what) {
        this.scenario = scenario;
        this.contender = contender;
        this.active = active;
        this.idle = idle;
        this.messageBytes = messageBytes;
        this.rate = rate;
        this.label = contender.name() + " " + what + " #" + repeat;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public Row run(RunContext context) {
        Settings s = context.settings();
        if (contender.notRun() != null) {
            return noted(s, contender.notRun());
        }
        int limit = contender.descriptorLimit();
        if (limit > 0 && active + idle >= limit) {
            return noted(s, String.format(Locale.ROOT, "not run: %s watches only descriptors below %d (FD_SETSIZE); "
                    + "%d connections need more", contender.name(), limit, active + idle));
        }
        try {
            ClientWarmup.ensure(s);
        } catch (IOException | RuntimeException e) {
            return failed(s, "warming the load client failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        try (ServerProcess server = ServerProcess.start(contender, context.log(contender.name()))) {
            LoadSpec spec = new LoadSpec(server.address(), active, idle, messageBytes, s.depth(), rate,
                    s.warmupNanos(), s.measureNanos(), s.clientThreads());
            Samples samples = new Samples(server, active, idle, context.log(contender.name() + "-ss"));
            LoadResult result;
            try {
                result = LoadClient.run(spec, Clock.SYSTEM, samples);
            } catch (ConnectionRefused e) {
                server.stop(e.established());
                String why = "stopped at " + e.established() + " connections: " + e.getMessage();
                return limit > 0 ? noted(s, why) : failed(s, why);
            }
            Summary summary = server.stop(active + idle);
            return row(s, result, samples, summary);
        } catch (IOException | RuntimeException e) {
            return failed(s, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private EchoRow row(Settings s, LoadResult r, Samples samples, Summary summary) {
        double messages = r.messages();
        double cpuNanos = samples.cpuNanos();
        Summary window = samples.syscalls();
        boolean inWindow = window.counted();
        Summary counts = inWindow ? window : summary;
        double over = inWindow ? messages : r.totalMessages();
        double syscallsPerMessage = counts.counted() && over > 0 ? counts.syscalls() / over : Double.NaN;
        return new EchoRow(scenario, contender.name(), kind(), active + idle, active, messageBytes, s.depth(), rate,
                r.messagesPerSecond(), r.megabytesPerSecond(), r.percentileMicros(50), r.percentileMicros(90),
                r.percentileMicros(99), r.percentileMicros(99.9), r.maxMicros(),
                messages > 0 ? cpuNanos / 1000.0 / messages : Double.NaN, cpuNanos / r.windowNanos(),
                syscallsPerMessage, counts.perSyscall(), inWindow, r.clientCores(), r.threads(), contender.jvm(), samples.memory(),
                r.failed() ? 1 : 0, null, r.error());
    }

    private EchoRow noted(Settings s, String note) {
        return empty(s, 0, note, null);
    }

    private EchoRow failed(Settings s, String error) {
        return empty(s, 1, null, error);
    }

    private EchoRow empty(Settings s, int errors, String note, String error) {
        double nan = Double.NaN;
        return new EchoRow(scenario, contender.name(), kind(), active + idle, active, messageBytes, s.depth(), rate,
                nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, Map.of(), false, nan, s.clientThreads(), contender.jvm(),
                ConnectionMemory.NONE, errors, note, error);
    }

    private String kind() {
        return contender.kind().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Samples the server: its memory when the active connections are open and when the idle ones are
     * too (the kernel's socket buffers only in runs with idle connections: one {@code ss} each), its
     * CPU time when the load client opens and closes the measured window.
     */
    private static final class Samples implements LoadClient.Window {
        private final ServerProcess server;
        private final int active;
        private final int idle;
        private final Path ssLog;
        private MemorySample activeOnly;
        private MemorySample all;
        private long start;
        private long end;
        private Optional<Summary> startCounts = Optional.empty();
        private Optional<Summary> endCounts = Optional.empty();

        Samples(ServerProcess server, int active, int idle, Path ssLog) {
            this.server = server;
            this.active = active;
            this.idle = idle;
            this.ssLog = ssLog;
        }

        @Override
        public void connected(int open) {
            MemorySample now = server.memory(idle > 0, ssLog);
            if (open == active) {
                activeOnly = now;
            }
            if (open == active + idle) {
                all = now;
            }
        }

        @Override
        public void started() {
            start = server.cpuNanos();
            startCounts = server.counters();
        }

        @Override
        public void ended() {
            end = server.cpuNanos();
            endCounts = server.counters();
        }

        long cpuNanos() {
            return end - start;
        }

        /** The syscalls made in the window; {@link Summary#NONE} unless the server answered at both edges. */
        Summary syscalls() {
            return startCounts.isPresent() && endCounts.isPresent() ? endCounts.get().since(startCounts.get()) : Summary.NONE;
        }

        ConnectionMemory memory() {
            return activeOnly == null || all == null ? ConnectionMemory.NONE : ConnectionMemory.of(idle, activeOnly, all);
        }
    }
}
