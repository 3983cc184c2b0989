package dev.chatgopher.bench;

import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.WebSocketChannel;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xnio.IoUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code connections}: opens N idle WebSockets, holds them, and reports the server's resident memory and heap
 * per connection (heap after a full collection when the server was spawned) and the time to open them.
 */
@Command(
        name = "connections",
        mixinStandardHelpOptions = true,
        description = "Many idle WebSocket connections: memory per connection and time to open them.")
final class ConnectionsScenario extends Scenario {

    @Option(
            names = "--connections",
            defaultValue = "20000",
            description = "Idle WebSockets to open (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(
            names = "--hold",
            defaultValue = "10s",
            description = "How long to hold them open before measuring (default: ${DEFAULT-VALUE}).")
    Duration hold;

    @Option(
            names = "--handshakes",
            defaultValue = "256",
            description = "Handshakes in flight at once (default: ${DEFAULT-VALUE}).")
    int handshakesInFlight;

    @Override
    String name() {
        return "connections";
    }

    @Mixin
    AuthOptions auth;

    @Override
    BenchTokens tokens() {
        return auth.tokens();
    }

    @Override
    void measure(Target target, Report report) throws Exception {
        report.setting("connections", connections);
        report.setting("hold", DurationText.format(hold));
        report.setting("source_addresses", options.sourceAddresses);
        report.setting("tokens", target.tokens().on());
        // Every connection is a file on both ends, besides the few hundred each JVM keeps open anyway.
        long wantedFiles = connections + 1_024L;
        if (!FileLimits.raise(ProcessHandle.current().pid(), wantedFiles)) {
            throw new IllegalStateException("the load generator may open only "
                    + FileLimits.current(ProcessHandle.current().pid())
                    + " files and could not raise that to " + wantedFiles
                    + " (prlimit needs CAP_SYS_RESOURCE above the hard"
                    + " limit): run with a higher ulimit -n, or ask for fewer connections");
        }
        if (target.spawned() != null && !FileLimits.raise(target.spawned().pid(), wantedFiles)) {
            throw new IllegalStateException("the server may open only "
                    + FileLimits.current(target.spawned().pid()) + " files and could not raise that to " + wantedFiles
                    + ": ask for fewer connections");
        }
        Memory before = memory(target);

        // Minted before the clock starts: the time to open them is the server's, not the bench's signing.
        String[] authorizations = new String[connections];
        for (int i = 0; i < connections; i++) {
            authorizations[i] = target.tokens().authorization("bench-connection-" + i);
        }
        List<WebSocketChannel> open = new ArrayList<>(connections);
        long started = System.nanoTime();
        try (LoadClient client = new LoadClient(options.clientThreads, options.sourceAddresses);
                Progress ignored = new Progress("connections", options.progressEvery, () -> {
                    synchronized (open) {
                        return String.format("%,d of %,d open", open.size(), connections);
                    }
                })) {
            URI idle = target.webSocketUri("/ws");
            String firstFailure = client.openWebSockets(
                    i -> idle, i -> authorizations[i], connections, handshakesInFlight, (i, channel) -> {
                        channel.getReceiveSetter().set(new AbstractReceiveListener() {}); // answers pings
                        channel.resumeReceives();
                        synchronized (open) {
                            open.add(channel);
                        }
                    });
            double openSeconds = (System.nanoTime() - started) / 1e9;
            Thread.sleep(hold);
            Memory after = memory(target);
            double sessions = target.probe().read().webSocketSessions();

            int opened = open.size();
            report.result("opened", opened);
            report.result("open_seconds", Math.round(openSeconds * 100) / 100.0);
            report.result("opened_per_s", Math.round(opened / openSeconds));
            report.result("server_sessions", (long) sessions);
            report.result("server_memory_before", before.describe());
            report.result("server_memory_after", after.describe());
            report.result(
                    "resident_kib_per_connection",
                    perConnectionKib(after.residentBytes - before.residentBytes, opened));
            report.result("heap_kib_per_connection", perConnectionKib(after.heapBytes - before.heapBytes, opened));
            // What the JVM keeps committed for the heap moves the resident figure too, and varies from run to run
            // with how much the heap grew while the sockets opened: reported apart, so the two can be told apart.
            report.result(
                    "heap_committed_kib_per_connection",
                    perConnectionKib(after.heapCommittedBytes - before.heapCommittedBytes, opened));
            if (firstFailure != null) {
                report.result("first_failure", firstFailure);
            }
            report.correctness("failed_connections", connections - opened);
            report.correctness("sessions_missing_on_server", Math.max(0, opened - (long) sessions));
            double residentMib = after.residentBytes / 1024.0 / 1024.0;
            if (connections >= 20_000) {
                report.goal(
                        "20,000 idle WebSockets with the server under 1 GiB resident",
                        Math.round(residentMib) + " MiB",
                        residentMib < 1024);
            } else if (opened >= 10_000) {
                // Where the open-file limit stops short of 20,000, project from what was measured.
                double projectedMib =
                        (before.residentBytes + (after.residentBytes - before.residentBytes) / opened * 20_000.0)
                                / 1024
                                / 1024;
                report.result("resident_mib_projected_to_20000", Math.round(projectedMib));
                report.goal(
                        "20,000 idle WebSockets with the server under 1 GiB resident (projected from " + opened + ")",
                        Math.round(projectedMib) + " MiB",
                        projectedMib < 1024);
            }
            synchronized (open) {
                open.forEach(IoUtils::safeClose);
            }
        }
    }

    private record Memory(double residentBytes, double heapBytes, double heapCommittedBytes, boolean afterFullGc) {
        Map<String, Object> describe() {
            Map<String, Object> memory = new LinkedHashMap<>();
            memory.put("resident_mib", Math.round(residentBytes / 1024 / 1024 * 10) / 10.0);
            memory.put("heap_used_mib", Math.round(heapBytes / 1024 / 1024 * 10) / 10.0);
            memory.put("heap_committed_mib", Math.round(heapCommittedBytes / 1024 / 1024 * 10) / 10.0);
            memory.put("heap_after_full_gc", afterFullGc);
            return memory;
        }
    }

    private static Memory memory(Target target) throws Exception {
        boolean collected = false;
        if (target.spawned() != null) {
            target.spawned().collectGarbage();
            collected = true;
        }
        ServerProbe.Reading reading = target.probe().read();
        return new Memory(reading.residentBytes(), reading.heapUsedBytes(), reading.heapCommittedBytes(), collected);
    }

    private static double perConnectionKib(double bytes, int connections) {
        return connections == 0 ? 0 : Math.round(bytes / connections / 1024 * 100) / 100.0;
    }
}
