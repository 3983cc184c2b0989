package dev.chatgopher.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** What every scenario does around its own measurement: reach the server, describe the machine, report. */
abstract class Scenario implements Callable<Integer> {

    @Mixin
    TargetOptions options;

    abstract String name();

    /** JVM options of a spawned server when {@code --server-jvm-opts} is not given. */
    String defaultServerJvmOptions() {
        return "-Xmx512m";
    }

    /** The tokens this run's clients send: off, unless the scenario takes {@code --auth-secret}. */
    BenchTokens tokens() {
        return BenchTokens.OFF;
    }

    /** How many servers to spawn on the one database: 1 unless the scenario takes {@code --nodes}. */
    int nodeCount() {
        return 1;
    }

    /** Prepares the database before a spawned server starts (nothing by default). */
    void beforeServerStarts(DatabaseSpec database) throws Exception {}

    abstract void measure(Target target, Report report) throws Exception;

    @Override
    public final Integer call() throws Exception {
        try (Target target = openTarget()) {
            Report report = new Report(name());
            report.machine(Machine.describe(target, databaseName(target)));
            measure(target, report);
            return report.finish(options.jsonFile);
        }
    }

    Target openTarget() throws Exception {
        return Target.open(options, defaultServerJvmOptions(), tokens(), this::beforeServerStarts, nodeCount());
    }

    private static String databaseName(Target target) {
        if (target.baseUri() != null) {
            try {
                String product = target.probe().read().database();
                if (product != null) {
                    return product;
                }
            } catch (Exception unreadable) {
                // fall back to what the bench knows
            }
        }
        return target.database() == null ? "unknown" : target.database().describe();
    }
}
