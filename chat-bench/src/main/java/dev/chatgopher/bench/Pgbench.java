package dev.chatgopher.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database's own ceiling for the write path: pgbench running a one-row INSERT, one transaction each, into a
 * table shaped like {@code messages} (identity key, {@code (created_at, id)} index), against the same server.
 */
final class Pgbench {

    private static final String TABLE = "chat_bench_pgbench";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final Pattern TRANSACTIONS = Pattern.compile("number of transactions actually processed: (\\d+)");

    record Result(double transactionsPerSecond, double latencyAverageMillis, long transactions, String command) {}

    private Pgbench() {}

    static Result run(DatabaseSpec database, int clients, Duration duration)
            throws IOException, InterruptedException, SQLException {
        if (!database.isPostgres()) {
            throw new IllegalArgumentException("the baseline needs PostgreSQL: pass --db postgres");
        }
        Map<String, String> at = database.postgresCoordinates();
        execute(
                database,
                "drop table if exists " + TABLE,
                "create table " + TABLE
                        + " (id bigint generated always as identity primary key, sequence bigint not null,"
                        + " text varchar not null, created_at timestamp(6) with time zone not null)",
                "create index " + TABLE + "_created_at_id_idx on " + TABLE + " (created_at, id)");
        Path script = Files.createTempFile("chat-bench-pgbench-", ".sql");
        try {
            Files.writeString(
                    script,
                    "INSERT INTO " + TABLE + " (sequence, text, created_at) VALUES (1, '" + "x".repeat(64)
                            + "', clock_timestamp());\n",
                    StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(
                    "pgbench",
                    "--no-vacuum",
                    "--host",
                    at.get("host"),
                    "--port",
                    at.get("port"),
                    "--username",
                    at.get("user"),
                    "--client",
                    Integer.toString(clients),
                    "--jobs",
                    Integer.toString(Math.min(clients, Runtime.getRuntime().availableProcessors())),
                    "--time",
                    Long.toString(Math.max(1, duration.toSeconds())),
                    "--file",
                    script.toString(),
                    at.get("database")));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", database.password());
            if (at.containsKey("schema")) {
                builder.environment().put("PGOPTIONS", "-c search_path=" + at.get("schema"));
            }
            Process process;
            try {
                process = builder.start();
            } catch (IOException notInstalled) {
                throw new IllegalStateException(
                        "pgbench is not installed (Debian: apt-get install postgresql-contrib or postgresql)",
                        notInstalled);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("pgbench failed: " + output);
            }
            return new Result(
                    number(TPS, output),
                    number(LATENCY, output),
                    (long) number(TRANSACTIONS, output),
                    String.join(" ", command));
        } finally {
            Files.deleteIfExists(script);
            execute(database, "drop table if exists " + TABLE);
        }
    }

    private static double number(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException(
                    "could not read " + pattern.pattern() + " from pgbench's output:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static void execute(DatabaseSpec database, String... statements) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
