package io.muxlab.harness;

import io.muxlab.core.cli.Cli;
import io.muxlab.core.cli.UsageException;
import io.muxlab.core.sys.Proc;
import io.muxlab.harness.launch.Contender;
import io.muxlab.harness.launch.Contenders;
import io.muxlab.harness.launch.CpuPinning;
import io.muxlab.harness.launch.JavaRuntime;
import io.muxlab.harness.launch.ProjectRoot;
import io.muxlab.harness.peers.VirtualThreads;
import io.muxlab.harness.report.DocsSite;
import io.muxlab.harness.report.Report;
import io.muxlab.harness.run.Runner;
import io.muxlab.harness.section.Row;
import io.muxlab.harness.section.Section;
import io.muxlab.harness.section.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The harness's main: runs every selected scenario against every selected server, each server as
 * its own child process, and writes {@code report/index.html} and {@code report/results.json}.
 */
public final class Main {
    static final String PROGRAM = "harness";
    static final double DEFAULT_RATE = 30_000;
    static final double QUICK_RATE = 10_000;
    /** Three runs per echo point give a median and a range; --quick keeps one to stay near two minutes. */
    /**
     * One run per point by default: three (the median with its spread) triples the echo scenarios'
     * length, since every run starts its server afresh; --help states both plans' expected length.
     */
    static final int REPEATS = 1;
    static final int QUICK_REPEATS = 1;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Path.of("").toAbsolutePath()));
    }

    /** Runs the harness from {@code workingDir}; returns the exit status. */
    public static int run(String[] args, Path workingDir) {
        Options options = options();
        Settings settings;
        List<Section> sections;
        ProjectRoot root;
        try {
            CommandLine cmd = Cli.parse(options, args);
            if (cmd.hasOption("help")) {
                Cli.printHelp(PROGRAM, "Runs identical load against every echo server (ours and the peers), each as its own "
                        + "child JVM, and writes an HTML report with charts plus results.json.", options,
                        "Servers: " + String.join(", ", Contenders.names()) + ". Scenarios: " + ids(Sections.all())
                                + ". Build first: mvn -B -DskipTests package. " + expectedTimes() + " How to read the report: docs/harness.md.");
                return Cli.EXIT_OK;
            }
            sections = selectSections(cmd);
            root = ProjectRoot.find(workingDir);
            settings = settings(cmd, root, workingDir);
            if (cmd.hasOption("pin")) {
                System.out.println("pinning: " + CpuPinning.pin().describe());
            }
        } catch (UsageException e) {
            return Cli.usageError(PROGRAM, e.getMessage());
        } catch (CpuPinning.Refused e) {
            System.err.println(PROGRAM + ": " + e.getMessage());
            return Cli.EXIT_USAGE;
        } catch (IllegalStateException e) {
            System.err.println(PROGRAM + ": " + e.getMessage());
            return Cli.EXIT_FAILURE;
        }
        try {
            Map<Section, List<Row>> rows = new Runner(settings, sections, System.out).run();
            Path index = Report.write(settings, rows, Sections.all());
            DocsSite.write(root.path(), settings.out());
            long errors = rows.values().stream().flatMap(List::stream).filter(r -> r.errors() > 0).count();
            System.out.println("report: " + index.toAbsolutePath());
            if (errors > 0) {
                System.err.println(PROGRAM + ": " + errors + " run(s) had errors; see the report");
                return Cli.EXIT_FAILURE;
            }
            return Cli.EXIT_OK;
        } catch (IOException e) {
            System.err.println(PROGRAM + ": " + e.getMessage());
            return Cli.EXIT_FAILURE;
        }
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("quick").desc("a reduced run: fewer points, short windows, every echo point once (the end of --help says how long)").build());
        o.addOption(Option.builder().longOpt("scenarios").hasArg().argName("LIST")
                .desc("comma-separated scenarios to run (default all: " + ids(Sections.all()) + ")" + drawing(Sections.all())).build());
        o.addOption(Option.builder().longOpt("servers").hasArg().argName("LIST")
                .desc("comma-separated servers to measure (default all: " + String.join(",", Contenders.names()) + ")").build());
        o.addOption(Option.builder().longOpt("duration").hasArg().argName("TIME")
                .desc("measured window of each run, e.g. 2s, 500ms (default 1.5s; --quick 300ms)").build());
        o.addOption(Option.builder().longOpt("warmup").hasArg().argName("TIME")
                .desc("load before each measured window (default: as long as --duration; --quick: half of it)").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("DIR")
                .desc("where index.html, results.json, charts and server logs go (default report)").build());
        o.addOption(Option.builder().longOpt("external").hasArg().argName("NAME=COMMAND")
                .desc("add any echo server as a contender: COMMAND runs under sh with {port} replaced by a free port; "
                        + "a simple command is exec'd (its pid is the server's); in a compound one (cd dir && exec ./server "
                        + "{port}) put exec before the server yourself; repeatable").build());
        o.addOption(Option.builder().longOpt("depth").hasArg().argName("N")
                .desc("closed loop: messages in flight per connection (default 1)").build());
        o.addOption(Option.builder().longOpt("rate").hasArg().argName("MSGS")
                .desc("open loop (fixed-rate scenario): offered messages per second (default 30000; --quick 10000)").build());
        o.addOption(Option.builder().longOpt("java21").hasArg().argName("PATH")
                .desc("the Java 21+ runtime (its home or its bin/java) for the virtual-threads peer (default: the "
                        + "harness's own JVM if it is 21+, else the newest 21+ in /usr/lib/jvm, /usr/java, /opt/java or beside "
                        + "$JAVA_HOME; with none, its rows say 'not run: needs Java 21+')").build());
        o.addOption(Option.builder().longOpt("repeats").hasArg().argName("N")
                .desc("runs of every echo point, interleaved across servers; the report shows the median and the range "
                        + "(default " + REPEATS + "; 3 or more for a median with its spread, at about three times the echo scenarios' length)").build());
        o.addOption(Option.builder().longOpt("pin")
                .desc("CPU pinning: every measured child (servers, workloads) on the first CPU the harness may use, the harness "
                        + "(the load client) on the others, with taskset; refused (exit 2) with fewer than 2 CPUs or no taskset; "
                        + "the report's Machine table says whether it was on").build());
        o.addOption(Option.builder().longOpt("client-threads").hasArg().argName("N")
                .desc("load client threads (default: half the cores, at least 1)").build());
        return o;
    }

    private static Settings settings(CommandLine cmd, ProjectRoot root, Path workingDir) throws UsageException {
        boolean quick = cmd.hasOption("quick");
        long measure = Durations.option(cmd, "duration", measureNanos(quick));
        long warmup = Durations.option(cmd, "warmup", warmupNanos(quick, measure));
        int depth = Cli.intOption(cmd, "depth", 1, 1, 1024);
        int rate = Cli.intOption(cmd, "rate", (int) (quick ? QUICK_RATE : DEFAULT_RATE), 1, 10_000_000);
        int threads = Cli.intOption(cmd, "client-threads", Math.max(1, Runtime.getRuntime().availableProcessors() / 2), 1, 64);
        Path out = workingDir.resolve(cmd.getOptionValue("out", "report")).toAbsolutePath().normalize();
        List<Contender> contenders = contenders(cmd, root);
        long fileLimit = Proc.openFileLimit().soft();
        int repeats = Cli.intOption(cmd, "repeats", quick ? QUICK_REPEATS : REPEATS, 1, 20);
        return new Settings(quick, warmup, measure, contenders, depth, rate, threads, out, DocsSite.DIR, fileLimit, repeats);
    }

    private static long measureNanos(boolean quick) {
        return quick ? 300_000_000L : 1_500_000_000L;
    }

    /**
     * Each run is a fresh JVM, so the JIT starts cold every time; Netty, with the most code to
     * compile, needs about a second of load before it runs at speed.
     */
    private static long warmupNanos(boolean quick, long measure) {
        return quick ? Math.max(100_000_000L, measure / 2) : measure;
    }

    /** What --help says of the default plans' length, computed from them as the run's first line is. */
    private static String expectedTimes() {
        List<Contender> all = new ArrayList<>();
        for (String name : Contenders.names()) {
            all.add(new Contender(name, Contender.Kind.OURS, List.of(name), true, true, 0, null, null));
        }
        long files = Proc.openFileLimit().soft();
        String full = Runner.expected(Sections.all(), new Settings(false, warmupNanos(false, measureNanos(false)),
                measureNanos(false), all, 1, DEFAULT_RATE, 1, Path.of("report"), DocsSite.DIR, files, REPEATS));
        String quick = Runner.expected(Sections.all(), new Settings(true, warmupNanos(true, measureNanos(true)),
                measureNanos(true), all, 1, QUICK_RATE, 1, Path.of("report"), DocsSite.DIR, files, QUICK_REPEATS));
        return "Expected on this machine's descriptor limit: the full run " + full + "; --quick " + quick + ".";
    }

    private static List<Contender> contenders(CommandLine cmd, ProjectRoot root) throws UsageException {
        List<String> names = cmd.hasOption("servers") ? list(cmd.getOptionValue("servers")) : Contenders.names();
        List<Contender> externals = new ArrayList<>();
        String[] specs = cmd.getOptionValues("external");
        if (specs != null) {
            for (String spec : specs) {
                try {
                    externals.add(Contenders.external(spec));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
        }
        for (String name : names) {
            if (!Contenders.isBuiltin(name)) {
                throw new UsageException("unknown server '" + name + "'; known: " + String.join(", ", Contenders.names()));
            }
        }
        List<Contender> out = new ArrayList<>();
        Optional<JavaRuntime> java21 = java21(cmd);
        for (String name : names) {
            out.add(Contenders.builtin(name, root, java21));
        }
        out.addAll(externals);
        if (out.isEmpty()) {
            throw new UsageException("no servers to measure");
        }
        return out;
    }

    private static Optional<JavaRuntime> java21(CommandLine cmd) throws UsageException {
        String named = cmd.getOptionValue("java21");
        try {
            return JavaRuntime.atLeast(VirtualThreads.MIN_FEATURE, named == null ? null : Path.of(named), JavaRuntime.usualDirs());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--java21 " + e.getMessage());
        }
    }

    private static List<Section> selectSections(CommandLine cmd) throws UsageException {
        return cmd.hasOption("scenarios") ? sections(list(cmd.getOptionValue("scenarios"))) : Sections.all();
    }

    /** The sections {@code --scenarios} names, with those they draw on and those drawn from them alone. */
    static List<Section> sections(List<String> asked) throws UsageException {
        Map<String, Section> known = new LinkedHashMap<>();
        for (Section s : Sections.all()) {
            known.put(s.id(), s);
        }
        Set<Section> out = new LinkedHashSet<>();
        for (String id : asked) {
            Section s = known.get(id);
            if (s == null) {
                throw new UsageException("unknown scenario '" + id + "'; known: " + String.join(", ", known.keySet()));
            }
            // A section that draws on others' rows brings them along (run first, unless asked for already).
            s.drawsOn().forEach(d -> out.add(known.get(d)));
            out.add(s);
        }
        // And is shown whenever every section it draws on runs, since it costs no run of its own.
        Set<String> ids = out.stream().map(Section::id).collect(Collectors.toSet());
        for (Section s : known.values()) {
            if (!s.drawsOn().isEmpty() && ids.containsAll(s.drawsOn())) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    private static List<String> list(String csv) {
        List<String> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** What --help says of the sections that draw on others' runs instead of making their own. */
    private static String drawing(List<Section> sections) {
        List<String> parts = new ArrayList<>();
        for (Section s : sections) {
            if (!s.drawsOn().isEmpty()) {
                parts.add(s.id() + " draws on the runs of " + String.join(" and ", s.drawsOn()) + ", so it brings them along "
                        + "and is shown whenever they run");
            }
        }
        return parts.isEmpty() ? "" : "; " + String.join("; ", parts);
    }

    private static String ids(List<Section> sections) {
        return String.join(",", sections.stream().map(Section::id).toList());
    }
}
