package dev.chatgopher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgopher.persistence.jooq.PostgresSchema;
import dev.chatgopher.testkit.PostgresCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario once, tiny (seconds), through the real bench jar spawning the real server jar: it must complete
 * with exit status 0 and every correctness count at zero. Figures are not asserted: timing belongs to the
 * benchmark itself, not to tests.
 */
class BenchSmokeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path BENCH_JAR = Path.of(System.getProperty("chat.bench.jar", "target/chat-bench.jar"));
    private static final Path SERVER_JAR =
            Path.of(System.getProperty("chat.server.jar", "../chat-app/target/chat-gopher.jar"));

    private static final String AUTH_SECRET = "a secret for the smoke test, 32+ bytes";

    @RegisterExtension
    static final PostgresSchema POSTGRES = new PostgresSchema();

    @TempDir
    Path directory;

    @Test
    void publish_on_the_embedded_database() throws Exception {
        publish(false);
    }

    /** The same runs with tokens on: every connection sends one, and the spawned server verifies them. */
    @Test
    void publish_with_tokens() throws Exception {
        publish(true);
    }

    private void publish(boolean tokens) throws Exception {
        JsonNode summary = run(tokens, "publish", "--senders", "4", "--duration", "2s", "--warmup", "1s");

        assertEquals(tokens, summary.at("/settings/tokens").asBoolean(), summary.toString());
        assertTrue(summary.at("/results/acknowledged").asLong() > 0, summary.toString());
    }

    @Test
    void publish_on_postgres_with_its_baseline() throws Exception {
        JsonNode summary = run(
                "publish",
                "--spawn",
                "--db",
                "postgres",
                "--db-url",
                POSTGRES.jdbcUrl(),
                "--senders",
                "4",
                "--duration",
                "2s",
                "--warmup",
                "1s");

        assertTrue(summary.at("/results/baseline/transactions_per_s").asLong() > 0, summary.toString());
        assertTrue(summary.at("/results/ratio_to_baseline").isNumber(), summary.toString());
    }

    @Test
    void fanout() throws Exception {
        fanout(false);
    }

    @Test
    void fanout_with_tokens() throws Exception {
        fanout(true);
    }

    private void fanout(boolean tokens) throws Exception {
        JsonNode summary = run(
                tokens,
                "fanout",
                "--subscribers",
                "20",
                "--rate",
                "50",
                "--duration",
                "2s",
                "--warmup",
                "1s",
                "--drain",
                "10s");

        assertEquals(tokens, summary.at("/settings/tokens").asBoolean(), summary.toString());
        assertEquals(20, summary.at("/results/subscribers_connected").asLong(), summary.toString());
        assertTrue(summary.at("/results/deliveries").asLong() > 0, summary.toString());
    }

    @Test
    void fanout_over_rooms_with_two_rooms_per_subscriber() throws Exception {
        JsonNode summary = run(
                "fanout",
                "--spawn",
                "--rooms",
                "3",
                "--rooms-per-subscriber",
                "2",
                "--subscribers",
                "12",
                "--rate",
                "50",
                "--duration",
                "2s",
                "--warmup",
                "1s",
                "--drain",
                "10s");

        assertEquals(12, summary.at("/results/subscribers_connected").asLong(), summary.toString());
        // 12 subscribers x 2 rooms over 3 rooms: 8 per room.
        assertEquals(8, summary.at("/results/subscribers_per_room/min").asLong(), summary.toString());
        assertEquals(8, summary.at("/results/subscribers_per_room/max").asLong(), summary.toString());
        // Each message reaches the 8 subscribers of its room, not all 12.
        long acknowledged = summary.at("/results/sent_and_acknowledged").asLong();
        assertTrue(acknowledged > 0, summary.toString());
        assertEquals(
                acknowledged * 8,
                summary.at("/results/deliveries_expected_with_warmup").asLong(),
                summary.toString());
    }

    @Test
    void publish_over_rooms() throws Exception {
        JsonNode summary =
                run("publish", "--spawn", "--rooms", "5", "--senders", "4", "--duration", "2s", "--warmup", "1s");

        assertTrue(summary.at("/results/acknowledged").asLong() > 0, summary.toString());
    }

    /** Two servers on the one PostgreSQL with its feed: the senders round robin over them, figures for each. */
    @Test
    void publish_on_two_nodes() throws Exception {
        JsonNode summary = onPostgres(
                "publish", "--nodes", "2", "--no-baseline", "--senders", "4", "--duration", "2s", "--warmup", "1s");

        assertEquals(2, summary.at("/settings/nodes").asInt(), summary.toString());
        long first = summary.at("/results/nodes/node_1/acknowledged").asLong();
        long second = summary.at("/results/nodes/node_2/acknowledged").asLong();
        assertTrue(first > 0 && second > 0, summary.toString());
        assertEquals(summary.at("/results/acknowledged").asLong(), first + second, summary.toString());
        assertTrue(summary.at("/results/cpu/server_node_2_cpu_s").isNumber(), summary.toString());
    }

    /**
     * Subscribers and sender connections on two servers: every subscriber of either node gets every message (run
     * checks every correctness count, each node's too, is 0), and deliveries on the sender's node and on the other
     * are timed apart.
     */
    @Test
    void fanout_on_two_nodes() throws Exception {
        JsonNode summary = onPostgres(
                "fanout",
                "--nodes",
                "2",
                "--subscribers",
                "10",
                "--sender-connections",
                "2",
                "--rate",
                "50",
                "--duration",
                "2s",
                "--warmup",
                "1s",
                "--drain",
                "10s");

        assertEquals(
                5, summary.at("/results/nodes/node_1/subscribers_connected").asLong(), summary.toString());
        assertEquals(
                5, summary.at("/results/nodes/node_2/subscribers_connected").asLong(), summary.toString());
        assertTrue(summary.at("/correctness/node_2_lost").isNumber(), summary.toString());
        assertTrue(summary.at("/results/end_to_end_latency_same_node/count").asLong() > 0, summary.toString());
        assertTrue(summary.at("/results/end_to_end_latency_cross_node/count").asLong() > 0, summary.toString());
    }

    @Test
    void connections() throws Exception {
        connections(false);
    }

    @Test
    void connections_with_tokens() throws Exception {
        connections(true);
    }

    private void connections(boolean tokens) throws Exception {
        JsonNode summary = run(tokens, "connections", "--connections", "200", "--hold", "1s");

        assertEquals(tokens, summary.at("/settings/tokens").asBoolean(), summary.toString());
        assertEquals(200, summary.at("/results/opened").asLong(), summary.toString());
    }

    @Test
    void history() throws Exception {
        JsonNode summary = run("history", "--spawn", "--rows", "2000", "--rows-per-instant", "100", "--windows", "5");

        assertEquals(2000, summary.at("/results/full_read/rows").asLong(), summary.toString());
    }

    @Test
    void history_of_rooms_on_the_embedded_database() throws Exception {
        JsonNode summary = run(
                "history", "--spawn", "--rooms", "10", "--rows", "3000", "--page-reads", "200", "--page-warmup", "20");

        assertEquals(200, summary.at("/results/page_reads/count").asLong(), summary.toString());
        // Whether the plan is the range scan is the 1,000,000-row run's goal: on 3,000 rows a planner may choose
        // otherwise.
        assertTrue(summary.at("/results/plan").size() > 0, summary.toString());
    }

    @Test
    void history_of_rooms_on_postgres() throws Exception {
        JsonNode summary = run(
                "history",
                "--spawn",
                "--db",
                "postgres",
                "--db-url",
                POSTGRES.jdbcUrl(),
                "--rooms",
                "10",
                "--rows",
                "3000",
                "--page-reads",
                "200",
                "--page-warmup",
                "20");

        assertEquals(200, summary.at("/results/page_reads/count").asLong(), summary.toString());
        // Whether the plan is the range scan is the 1,000,000-row run's goal: on 3,000 rows a planner may choose
        // otherwise.
        assertTrue(summary.at("/results/plan").size() > 0, summary.toString());
    }

    @Test
    void baseline() throws Exception {
        JsonNode summary = run(
                "baseline", "--db", "postgres", "--db-url", POSTGRES.jdbcUrl(), "--clients", "4", "--duration", "2s");

        assertTrue(summary.at("/results/baseline/transactions").asLong() > 0, summary.toString());
    }

    @Test
    void faults_with_the_database_stopped_and_started_again() throws Exception {
        requirePostgresBinaries();
        JsonNode summary = run(
                "faults",
                "--fault",
                "stop",
                "--outage",
                "1s",
                "--warmup",
                "2s",
                "--after",
                "2s",
                "--rate",
                "50",
                "--publishers",
                "4",
                "--listeners",
                "2");

        assertEquals(2, summary.at("/results/listeners_connected").asLong(), summary.toString());
        assertTrue(summary.at("/results/sends_by_status/200").asLong() > 0, summary.toString());
    }

    @Test
    void faults_with_the_database_connections_kicked() throws Exception {
        requirePostgresBinaries();
        JsonNode summary = run(
                "faults",
                "--fault",
                "kick",
                "--warmup",
                "2s",
                "--after",
                "2s",
                "--rate",
                "50",
                "--publishers",
                "4",
                "--listeners",
                "2");

        assertTrue(summary.at("/results/fault/backends_terminated").asLong() >= 1, summary.toString());
        assertEquals(2, summary.at("/results/listeners_connected").asLong(), summary.toString());
    }

    /** The faults scenario starts a PostgreSQL cluster of its own: skipped without the binaries, unless CI is set. */
    private static void requirePostgresBinaries() {
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(
                    PostgresCluster.locateBinaries().isPresent(),
                    "PostgreSQL binaries not found: install the postgresql package");
        }
    }

    /** The scenario on servers spawned on the test's PostgreSQL schema. */
    private JsonNode onPostgres(String scenario, String... arguments) throws IOException, InterruptedException {
        List<String> all =
                new ArrayList<>(List.of(scenario, "--spawn", "--db", "postgres", "--db-url", POSTGRES.jdbcUrl()));
        all.addAll(List.of(arguments));
        return run(all.toArray(String[]::new));
    }

    /** The scenario on a spawned server, with {@code --auth-secret} when {@code tokens}. */
    private JsonNode run(boolean tokens, String scenario, String... arguments)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(scenario, "--spawn"));
        if (tokens) {
            all.addAll(List.of("--auth-secret", AUTH_SECRET));
        }
        all.addAll(List.of(arguments));
        return run(all.toArray(String[]::new));
    }

    /** Runs the bench jar and returns its JSON summary, after checking it ended well. */
    private JsonNode run(String... arguments) throws IOException, InterruptedException {
        Path json = directory.resolve("summary.json");
        Path output = directory.resolve("output.txt");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                BENCH_JAR.toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of(
                "--server-jar",
                SERVER_JAR.toAbsolutePath().toString(),
                "--json",
                json.toString(),
                "--progress-every",
                "1s"));
        Process bench = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = bench.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            bench.destroyForcibly();
        }
        String printed = Files.readString(output);
        assertTrue(finished, "the bench did not finish:\n" + printed);
        assertEquals(0, bench.exitValue(), printed);
        JsonNode summary = JSON.readTree(json.toFile());
        summary.get("correctness")
                .properties()
                .forEach(count ->
                        assertEquals(0, count.getValue().asLong(), count.getKey() + " must be 0:\n" + printed));
        assertTrue(printed.contains("== " + arguments[0] + " =="), "the human table is printed:\n" + printed);
        return summary;
    }
}
