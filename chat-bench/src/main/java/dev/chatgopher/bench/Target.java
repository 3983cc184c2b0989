package dev.chatgopher.bench;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server under measurement: one already running ({@code --url}), or one the bench spawned and will stop.
 * Also the database, when known (always for a spawned server or PostgreSQL), and the tokens its clients send.
 */
final class Target implements AutoCloseable {

    private final URI baseUri;
    private final SpawnedServer spawned;
    private final DatabaseSpec database;
    private final ServerProbe probe;
    private final AutoCloseable databaseServer;
    private final BenchTokens tokens;

    private Target(
            URI baseUri,
            SpawnedServer spawned,
            DatabaseSpec database,
            AutoCloseable databaseServer,
            BenchTokens tokens) {
        this.baseUri = baseUri;
        this.spawned = spawned;
        this.database = database;
        this.probe = baseUri == null ? null : new ServerProbe(baseUri);
        this.databaseServer = databaseServer;
        this.tokens = tokens;
    }

    /** Work to do on the database before a spawned server starts (an embedded database is locked while it runs). */
    @FunctionalInterface
    interface BeforeStart {
        void prepare(DatabaseSpec database) throws Exception;
    }

    /**
     * The server of {@code options}; with tokens on, a spawned one is configured to verify them (a running one must
     * already be, with the same secret).
     */
    static Target open(TargetOptions options, String defaultJvmOptions, BenchTokens tokens, BeforeStart beforeStart)
            throws Exception {
        if (options.spawn == (options.url != null)) {
            throw new IllegalArgumentException("give either --spawn or --url");
        }
        DatabaseSpec database = options.databaseSpec();
        if (options.url != null) {
            if (database != null) {
                beforeStart.prepare(database);
            }
            return new Target(options.url, null, database, null, tokens);
        }
        try {
            beforeStart.prepare(database);
            return spawn(options, defaultJvmOptions, database, null, tokens);
        } catch (Exception e) {
            database.deleteIfTemporary();
            throw e;
        }
    }

    /** Spawns the server jar on {@code database}; closing the target stops it, then closes {@code databaseServer} (if not null). */
    static Target spawn(
            TargetOptions options, String defaultJvmOptions, DatabaseSpec database, AutoCloseable databaseServer)
            throws Exception {
        return spawn(options, defaultJvmOptions, database, databaseServer, BenchTokens.OFF);
    }

    /** As above, the server verifying {@code tokens} when they are on; {@code --server-env} still has the last word. */
    static Target spawn(
            TargetOptions options,
            String defaultJvmOptions,
            DatabaseSpec database,
            AutoCloseable databaseServer,
            BenchTokens tokens)
            throws Exception {
        String jvmOptions = options.serverJvmOptions != null ? options.serverJvmOptions : defaultJvmOptions;
        SpawnedServer server = SpawnedServer.start(
                options.serverJar, jvmOptions, serverEnvironment(database, tokens, options.serverEnvironment));
        return new Target(server.baseUri(), server, database, databaseServer, tokens);
    }

    /** A spawned server's environment: the database's, then what the tokens need, then {@code --server-env}. */
    static Map<String, String> serverEnvironment(
            DatabaseSpec database, BenchTokens tokens, Map<String, String> serverEnvironmentOption) {
        Map<String, String> environment = new LinkedHashMap<>(database.serverEnvironment());
        environment.putAll(tokens.serverEnvironment());
        environment.putAll(serverEnvironmentOption);
        return environment;
    }

    /** Only a database, no chat server: for the pgbench baseline. */
    static Target databaseOnly(DatabaseSpec database) {
        return new Target(null, null, database, null, BenchTokens.OFF);
    }

    /** The server's base URL, or null when there is no server. */
    URI baseUri() {
        return baseUri;
    }

    URI webSocketUri(String pathAndQuery) {
        return URI.create("ws://" + baseUri.getAuthority() + pathAndQuery);
    }

    /** The spawned server, or null when measuring one already running. */
    SpawnedServer spawned() {
        return spawned;
    }

    /** The database, or null when unknown (an already running server on H2). */
    DatabaseSpec database() {
        return database;
    }

    ServerProbe probe() {
        return probe;
    }

    /** The tokens the clients send: {@link BenchTokens#OFF} unless {@code --auth-secret} was given. */
    BenchTokens tokens() {
        return tokens;
    }

    String describe() {
        if (baseUri == null) {
            return "none (database only)";
        }
        return spawned != null ? "spawned at " + baseUri + " (" + spawned.jvmOptions() + ")" : "running at " + baseUri;
    }

    @Override
    public void close() throws Exception {
        try {
            if (spawned != null) {
                spawned.close();
            }
        } finally {
            if (database != null) {
                database.deleteIfTemporary();
            }
            if (databaseServer != null) {
                databaseServer.close();
            }
        }
    }
}
