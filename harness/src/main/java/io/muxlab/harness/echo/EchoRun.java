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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One echo window: load the contender's warm server ({@link WarmServers}, which starts it for its
 * first window and stops it after its last), and read at the edges of the measured window its CPU
 * and, where it answers, its syscall counts. A server that cannot be asked has its syscalls marked
 * not counted: its summary covers every window it served. Memory per idle connection is sampled
 * only in a process's first window, before any load: a JVM that served earlier windows reuses the
 * heap they freed, so a later window's figure would say what the heap had to spare, not what a
 * connection costs.
 */
final class EchoRun implements PlannedRun {
    /**
     * Starting a server and stopping it after its last window: the full run of 195 runs, each on a
     * fresh server, took 0.4 s per run beyond its windows.
     */
    static final long START_NANOS = 500_000_000L;
    /** What one window costs beyond its warm-up and measured window: threads, counters, closing the connections. */
    static final long WINDOW_NANOS = 50_000_000L;
    /** Opening and pinging one connection (batches of 100), and later closing it: 15 000 took 2 to 4 s here. */
    static final long CONNECTION_NANOS = 150_000L;

    private final String scenario;
    private final Contender contender;
    private final int active;
    private final int idle;
    private final int messageBytes;
    private final double rate;
    private final boolean fresh;
    private final String label;

    /**
     * @param repeat which run of its point this is, from 1 ({@link Settings#repeats}), for the label
     * @param fresh the window needs a process that has served no window yet (the idle section's memory figure)
     */
    EchoRun(String scenario, Contender contender, int repeat, int active, int idle, int messageBytes, double rate, String what,
            boolean fresh) {
        this.scenario = scenario;
        this.contender = contender;
        this.active = active;
        this.idle = idle;
        this.messageBytes = messageBytes;
        this.rate = rate;
        this.fresh = fresh;
        this.label = contender.name() + " " + what + " #" + repeat + (fresh ? " (fresh process)" : "");
    }

    @Override
    public String label() {
        return label;
    }

    /** A server's first window pays its start and the long warm-up; a window that is not run costs nothing. */
    @Override
    public long expectedNanos(Settings s, List<PlannedRun> earlier) {
        if (!runs()) {
            return 0;
        }
        boolean starts = fresh || earlier.stream().noneMatch(this::sharesServer);
        long warmup = starts ? START_NANOS + s.firstWarmupNanos() : s.settleNanos();
        return warmup + s.echoWindowNanos() + WINDOW_NANOS + (long) (active + idle) * CONNECTION_NANOS;
    }

    @Override
    public Row run(RunContext context) {
        Settings s = context.settings();
        Optional<String> notRun = notRunWhy();
        if (notRun.isPresent()) {
            return noted(s, notRun.get());
        }
        try {
            ClientWarmup.ensure(s);
        } catch (IOException | RuntimeException e) {
            return failed(s, "warming the load client failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        WarmServers servers = context.shared().get(WarmServers.class, WarmServers::new);
        try {
            WarmServers.Done<EchoRow> done = servers.window(contender, context.log(contender.name()), fresh, last(context.later()),
                    active + idle, lease -> measure(s, lease, context));
            return done.stopError() == null ? done.value() : done.value().failedWith(done.stopError());
        } catch (IOException | RuntimeException e) {
            return failed(s, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** True unless the contender cannot run here or cannot hold this many descriptors. */
    private boolean runs() {
        int limit = contender.descriptorLimit();
        return contender.notRun() == null && (limit == 0 || active + idle < limit);
    }

    /** Why this window is not run here, if it is not. */
    private Optional<String> notRunWhy() {
        if (runs()) {
            return Optional.empty();
        }
        return Optional.of(contender.notRun() != null ? contender.notRun() : String.format(Locale.ROOT,
                "not run: %s watches only descriptors below %d (FD_SETSIZE); %d connections need more", contender.name(),
                contender.descriptorLimit(), active + idle));
    }

    /** True if {@code other} is a window on the same contender's server (one that runs). */
    private boolean sharesServer(PlannedRun other) {
        return other instanceof EchoRun e && e.contender.name().equals(contender.name()) && e.runs();
    }

    /** No later window uses this server: none follows on this contender, or the next wants a fresh process anyway. */
    private boolean last(List<PlannedRun> later) {
        return later.stream().filter(this::sharesServer).findFirst().map(r -> ((EchoRun) r).fresh).orElse(true);
    }

    private EchoRow measure(Settings s, WarmServers.Lease lease, RunContext context) throws IOException {
        ServerProcess server = lease.server();
        long warmup = lease.first() ? s.firstWarmupNanos() : s.settleNanos();
        LoadSpec spec = new LoadSpec(server.address(), active, idle, messageBytes, s.depth(), rate, warmup, s.echoWindowNanos(),
                s.clientThreads());
        Samples samples = new Samples(server, active, idle, lease.first(), context.log(contender.name() + "-ss"));
        LoadResult result;
        try {
            result = LoadClient.run(spec, Clock.SYSTEM, samples);
        } catch (ConnectionRefused e) {
            lease.spoil();
            String why = "stopped at " + e.established() + " connections: " + e.getMessage();
            return contender.descriptorLimit() > 0 ? noted(s, why) : failed(s, why);
        }
        if (result.failed()) {
            lease.spoil();
        }
        return row(s, result, samples);
    }

    private EchoRow row(Settings s, LoadResult r, Samples samples) {
        double messages = r.messages();
        double cpuNanos = samples.cpuNanos();
        Summary window = samples.syscalls();
        double syscallsPerMessage = window.counted() && messages > 0 ? window.syscalls() / messages : Double.NaN;
        return new EchoRow(scenario, contender.name(), kind(), active + idle, active, messageBytes, s.depth(), rate,
                r.messagesPerSecond(), r.megabytesPerSecond(), r.percentileMicros(50), r.percentileMicros(90),
                r.percentileMicros(99), r.percentileMicros(99.9), r.maxMicros(),
                messages > 0 ? cpuNanos / 1000.0 / messages : Double.NaN, cpuNanos / r.windowNanos(),
                syscallsPerMessage, window.perSyscall(), window.counted(), r.clientCores(), r.threads(), contender.jvm(), samples.memory(),
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
     * Samples the server: in a process's first window its memory when the active connections are
     * open and when the idle ones are too (the kernel's socket buffers only in runs with idle
     * connections: one {@code ss} each), in a later window its resident memory once all are open; its
     * CPU time and syscall counts when the load client opens and closes the measured window.
     */
    private static final class Samples implements LoadClient.Window {
        private final ServerProcess server;
        private final int active;
        private final int idle;
        private final boolean fresh;
        private final Path ssLog;
        private MemorySample activeOnly;
        private MemorySample all;
        private long start;
        private long end;
        private Optional<Summary> startCounts = Optional.empty();
        private Optional<Summary> endCounts = Optional.empty();

        Samples(ServerProcess server, int active, int idle, boolean fresh, Path ssLog) {
            this.server = server;
            this.active = active;
            this.idle = idle;
            this.fresh = fresh;
            this.ssLog = ssLog;
        }

        @Override
        public void connected(int open) {
            if (!fresh && open < active + idle) {
                return;
            }
            MemorySample now = server.memory(fresh && idle > 0, ssLog);
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

        /** The syscalls made in the window; {@link Summary#NONE} (not counted) unless the server answered at both edges. */
        Summary syscalls() {
            return startCounts.isPresent() && endCounts.isPresent() ? endCounts.get().since(startCounts.get()) : Summary.NONE;
        }

        ConnectionMemory memory() {
            if (all == null) {
                return ConnectionMemory.NONE;
            }
            return fresh && activeOnly != null ? ConnectionMemory.of(idle, activeOnly, all) : ConnectionMemory.warm(all);
        }
    }
}
