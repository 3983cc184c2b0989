package dev.chatgopher.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which server to measure, and how to report: the options every scenario shares. */
final class TargetOptions {

    @Option(names = "--url", description = "Base URL of a running server, e.g. http://127.0.0.1:8080.")
    URI url;

    @Option(names = "--spawn", description = "Start the server jar, measure it, and stop it at the end.")
    boolean spawn;

    @Option(
            names = "--server-jar",
            defaultValue = "chat-app/target/chat-gopher.jar",
            description = "Server jar to spawn (default: ${DEFAULT-VALUE}).")
    Path serverJar;

    @Option(names = "--server-jvm-opts", description = "JVM options of the spawned server (default per scenario).")
    String serverJvmOptions;

    @Option(
            names = "--server-env",
            description =
                    "Extra environment of the spawned server, KEY=VALUE (repeatable), e.g. CHAT_WS_FANOUT_INTERVAL=10ms.")
    Map<String, String> serverEnvironment = new LinkedHashMap<>();

    @Option(
            names = "--db",
            defaultValue = "h2",
            description = "Database of a spawned server: h2 (embedded, fresh) or postgres (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(
            names = "--db-url",
            description =
                    "JDBC URL of PostgreSQL (default: DB_URL, else DB_HOST/DB_PORT/DB_NAME, else jdbc:postgresql://127.0.0.1:5432/test).")
    String databaseUrl;

    @Option(names = "--json", description = "Also write the JSON summary to this file.")
    Path jsonFile;

    @Option(
            names = "--progress-every",
            defaultValue = "5s",
            description = "Interval between progress lines (default: ${DEFAULT-VALUE}).")
    Duration progressEvery;

    @Option(
            names = "--client-threads",
            defaultValue = "1",
            description = "IO threads of the load client (default: ${DEFAULT-VALUE}).")
    int clientThreads;

    @Option(
            names = "--sources",
            defaultValue = "8",
            description =
                    "Loopback source addresses to spread connections over, 127.0.0.1 up (default: ${DEFAULT-VALUE}).")
    int sourceAddresses;

    /** The database settings when they are known: always for postgres, and for a spawned H2. */
    DatabaseSpec databaseSpec() {
        return switch (database) {
            case "h2" -> spawn ? DatabaseSpec.freshEmbedded() : null;
            case "postgres", "postgresql", "pg" -> DatabaseSpec.postgres(databaseUrl);
            default -> throw new IllegalArgumentException("--db must be h2 or postgres, got " + database);
        };
    }
}
