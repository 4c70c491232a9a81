package io.muxlab.harness.report;

import io.muxlab.core.sys.Proc;
import io.muxlab.harness.launch.CpuPinning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The machine a report was measured on: figures from two machines are not comparable. */
public record MachineInfo(Map<String, String> facts) {

    public static MachineInfo collect() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("CPU", cpuModel());
        Optional<CpuPinning> pinning = CpuPinning.active();
        // A pinned JVM counts only the CPUs left to it: the machine's are those it could use before.
        f.put("Cores", Integer.toString(pinning.map(p -> p.allowed().size()).orElse(Runtime.getRuntime().availableProcessors())));
        f.put("CPU pinning", pinning.map(CpuPinning::describe)
                .orElse("off: the kernel places each server and the harness on any CPU (--pin keeps them apart)"));
        f.put("Kernel", System.getProperty("os.name") + " " + read("/proc/sys/kernel/osrelease", System.getProperty("os.version")));
        f.put("Harness JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        Proc.FileLimit limit = Proc.openFileLimit();
        f.put("RLIMIT_NOFILE", "soft " + limitText(limit.soft()) + ", hard " + limitText(limit.hard())
                + " (each server's soft limit is raised to the hard one)");
        f.put("Date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return new MachineInfo(f);
    }

    private static String limitText(long n) {
        return n == Proc.UNLIMITED ? "unlimited" : Long.toString(n);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }

    private static String read(String file, String fallback) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return fallback;
        }
    }
}
