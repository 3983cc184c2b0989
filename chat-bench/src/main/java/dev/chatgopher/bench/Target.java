package dev.chatgopher.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server under measurement: one already running ({@code --url}), or one or several the bench spawned on the
 * one database and will stop. Also the database, when known (always for a spawned server or PostgreSQL), and the
 * tokens its clients send.
 */
final class Target implements AutoCloseable {

    private final List<ServerNode> nodes;
    private final DatabaseSpec database;
    private final AutoCloseable databaseServer;
    private final BenchTokens tokens;

    private Target(List<ServerNode> nodes, DatabaseSpec database, AutoCloseable databaseServer, BenchTokens tokens) {
        this.nodes = List.copyOf(nodes);
        this.database = database;
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
        return open(options, defaultJvmOptions, tokens, beforeStart, 1);
    }

    /** As above, {@code nodeCount} servers spawned on the one PostgreSQL database when it is more than 1. */
    static Target open(
            TargetOptions options, String defaultJvmOptions, BenchTokens tokens, BeforeStart beforeStart, int nodeCount)
            throws Exception {
        if (options.spawn == (options.url != null)) {
            throw new IllegalArgumentException("give either --spawn or --url");
        }
        if (nodeCount < 1) {
            throw new IllegalArgumentException("--nodes must be at least 1, got " + nodeCount);
        }
        if (nodeCount > 1 && options.url != null) {
            throw new IllegalArgumentException("--nodes " + nodeCount
                    + " needs --spawn instead of --url: the bench starts the nodes itself, on one PostgreSQL database");
        }
        DatabaseSpec database = options.databaseSpec();
        if (nodeCount > 1 && !database.isPostgres()) {
            database.deleteIfTemporary();
            throw new IllegalArgumentException("--nodes " + nodeCount
                    + " needs --db postgres: several nodes share one PostgreSQL database, and the embedded H2"
                    + " database is single-node");
        }
        if (options.url != null) {
            if (database != null) {
                beforeStart.prepare(database);
            }
            return new Target(List.of(new ServerNode(1, options.url, null)), database, null, tokens);
        }
        try {
            beforeStart.prepare(database);
            return spawn(options, defaultJvmOptions, database, null, tokens, nodeCount);
        } catch (Exception e) {
            database.deleteIfTemporary();
            throw e;
        }
    }

    /** Spawns the server jar on {@code database}; closing the target stops it, then closes {@code databaseServer} (if not null). */
    static Target spawn(
            TargetOptions options, String defaultJvmOptions, DatabaseSpec database, AutoCloseable databaseServer)
            throws Exception {
        return spawn(options, defaultJvmOptions, database, databaseServer, BenchTokens.OFF, 1);
    }

    /**
     * Spawns {@code nodeCount} servers, one after the other, each verifying {@code tokens} when they are on; several
     * take the PostgreSQL feed ({@code CHAT_FEED=postgres}). {@code --server-env} still has the last word.
     */
    static Target spawn(
            TargetOptions options,
            String defaultJvmOptions,
            DatabaseSpec database,
            AutoCloseable databaseServer,
            BenchTokens tokens,
            int nodeCount)
            throws Exception {
        String jvmOptions = options.serverJvmOptions != null ? options.serverJvmOptions : defaultJvmOptions;
        Map<String, String> environment = serverEnvironment(database, tokens, nodeCount, options.serverEnvironment);
        List<ServerNode> nodes = new ArrayList<>();
        try {
            for (int number = 1; number <= nodeCount; number++) {
                SpawnedServer server = SpawnedServer.start(options.serverJar, jvmOptions, environment);
                nodes.add(new ServerNode(number, server.baseUri(), server));
            }
        } catch (Exception e) {
            stop(nodes);
            throw e;
        }
        return new Target(nodes, database, databaseServer, tokens);
    }

    /**
     * A spawned server's environment: the database's, then what the tokens need, then the PostgreSQL feed when there
     * are several nodes, then {@code --server-env}.
     */
    static Map<String, String> serverEnvironment(
            DatabaseSpec database, BenchTokens tokens, int nodeCount, Map<String, String> serverEnvironmentOption) {
        Map<String, String> environment = new LinkedHashMap<>(database.serverEnvironment());
        environment.putAll(tokens.serverEnvironment());
        if (nodeCount > 1) {
            // The default on PostgreSQL already; said here because several nodes depend on it.
            environment.put("CHAT_FEED", "postgres");
        }
        environment.putAll(serverEnvironmentOption);
        return environment;
    }

    /** Only a database, no chat server: for the pgbench baseline. */
    static Target databaseOnly(DatabaseSpec database) {
        return new Target(List.of(), database, null, BenchTokens.OFF);
    }

    /** Every server, node 1 first; empty when there is none. */
    List<ServerNode> nodes() {
        return nodes;
    }

    /** The pids of the servers the bench spawned: empty when measuring one already running. */
    List<Long> serverPids() {
        return nodes.stream()
                .filter(node -> node.spawned() != null)
                .map(node -> node.spawned().pid())
                .toList();
    }

    /** The (first) server's base URL, or null when there is no server. */
    URI baseUri() {
        return nodes.isEmpty() ? null : nodes.getFirst().baseUri();
    }

    URI webSocketUri(String pathAndQuery) {
        return nodes.getFirst().webSocketUri(pathAndQuery);
    }

    /** The (first) spawned server, or null when measuring one already running. */
    SpawnedServer spawned() {
        return nodes.isEmpty() ? null : nodes.getFirst().spawned();
    }

    /** The database, or null when unknown (an already running server on H2). */
    DatabaseSpec database() {
        return database;
    }

    /** The (first) server's probe. */
    ServerProbe probe() {
        return nodes.isEmpty() ? null : nodes.getFirst().probe();
    }

    /** The tokens the clients send: {@link BenchTokens#OFF} unless {@code --auth-secret} was given. */
    BenchTokens tokens() {
        return tokens;
    }

    String describe() {
        if (nodes.isEmpty()) {
            return "none (database only)";
        }
        SpawnedServer spawned = spawned();
        if (spawned == null) {
            return "running at " + baseUri();
        }
        if (nodes.size() == 1) {
            return "spawned at " + baseUri() + " (" + spawned.jvmOptions() + ")";
        }
        return nodes.size() + " nodes spawned at "
                + String.join(
                        ", ",
                        nodes.stream().map(node -> node.baseUri().toString()).toList())
                + " (" + spawned.jvmOptions() + ")";
    }

    @Override
    public void close() throws Exception {
        try {
            stop(nodes);
        } finally {
            if (database != null) {
                database.deleteIfTemporary();
            }
            if (databaseServer != null) {
                databaseServer.close();
            }
        }
    }

    /** Stops every spawned server, each even when stopping another failed. */
    private static void stop(List<ServerNode> nodes) throws Exception {
        Exception first = null;
        for (ServerNode node : nodes) {
            if (node.spawned() == null) {
                continue;
            }
            try {
                node.spawned().close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
