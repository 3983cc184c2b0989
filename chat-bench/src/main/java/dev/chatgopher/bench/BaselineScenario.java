package dev.chatgopher.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baseline}: pgbench's one-row INSERT at the publish concurrency: the database's own write ceiling. */
@Command(
        name = "baseline",
        mixinStandardHelpOptions = true,
        description = "pgbench with a one-row INSERT script against the PostgreSQL server (no chat server involved).")
final class BaselineScenario extends Scenario {

    @Option(
            names = "--clients",
            defaultValue = "64",
            description = "Concurrent pgbench clients (default: ${DEFAULT-VALUE}, as publish's senders).")
    int clients;

    @Option(names = "--duration", defaultValue = "30s", description = "How long to run (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Override
    String name() {
        return "baseline";
    }

    @Override
    Target openTarget() {
        if (options.databaseSpec() == null || !options.databaseSpec().isPostgres()) {
            throw new IllegalArgumentException(
                    "baseline measures PostgreSQL: pass --db postgres (and --db-url if needed)");
        }
        return Target.databaseOnly(options.databaseSpec());
    }

    @Override
    void measure(Target target, Report report) throws Exception {
        report.setting("clients", clients);
        report.setting("duration", DurationText.format(duration));
        Pgbench.Result result = Pgbench.run(target.database(), clients, duration);
        report.result("baseline", describe(result));
    }

    static Map<String, Object> describe(Pgbench.Result result) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("transactions_per_s", Math.round(result.transactionsPerSecond()));
        figures.put("latency_average_ms", result.latencyAverageMillis());
        figures.put("transactions", result.transactions());
        figures.put("command", result.command());
        return figures;
    }
}
