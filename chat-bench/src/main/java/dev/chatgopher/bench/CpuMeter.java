package dev.chatgopher.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time spent by the server processes, by the load generator and by local PostgreSQL processes over a window,
 * read from /proc: on a shared 2-core machine it shows where the cycles went. Zero where /proc is not available.
 */
final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final List<Long> serverPids;
    private final double[] serverStarts;
    private final double clientStart;
    private final double postgresStart;

    /** Starts measuring; {@code serverPids} are the servers' processes, none when the server is not ours to watch. */
    CpuMeter(List<Long> serverPids) {
        this.serverPids = List.copyOf(serverPids);
        this.serverStarts =
                this.serverPids.stream().mapToDouble(CpuMeter::seconds).toArray();
        this.clientStart = seconds(ProcessHandle.current().pid());
        this.postgresStart = postgresSeconds();
    }

    /**
     * CPU seconds used since the start, per party, and per thousand of the given units of work; {@code server} is
     * every server process together, and with several each one's seconds follow ({@code server_node_1}...).
     */
    Map<String, Object> since(long units, String unitName) {
        Map<String, Object> used = new LinkedHashMap<>();
        double[] servers = new double[serverPids.size()];
        for (int i = 0; i < servers.length; i++) {
            servers[i] = seconds(serverPids.get(i)) - serverStarts[i];
        }
        if (servers.length > 0) {
            put(used, "server", Arrays.stream(servers).sum(), units, unitName);
        }
        if (servers.length > 1) {
            for (int i = 0; i < servers.length; i++) {
                put(used, "server_node_" + (i + 1), servers[i], 0, unitName);
            }
        }
        put(used, "load_generator", seconds(ProcessHandle.current().pid()) - clientStart, units, unitName);
        put(used, "postgres", postgresSeconds() - postgresStart, units, unitName);
        return used;
    }

    private static void put(Map<String, Object> used, String party, double seconds, long units, String unitName) {
        used.put(party + "_cpu_s", Math.round(seconds * 100) / 100.0);
        if (units > 0) {
            used.put(party + "_cpu_ms_per_1000_" + unitName, Math.round(seconds * 1000 / units * 1000 * 100) / 100.0);
        }
    }

    private static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND; // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double postgresSeconds() {
        double total = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    if (Files.readString(process.resolve("comm")).trim().equals("postgres")) {
                        total += seconds(Long.parseLong(process.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException noProc) {
            return 0;
        }
        return total;
    }
}
