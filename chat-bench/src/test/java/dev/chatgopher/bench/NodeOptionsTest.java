package dev.chatgopher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --nodes N}: refused where several nodes cannot be, and what the spawned nodes are told. */
class NodeOptionsTest {

    private static final DatabaseSpec POSTGRES = DatabaseSpec.postgres("jdbc:postgresql://127.0.0.1:5432/test");

    @Test
    void several_nodes_on_the_embedded_database_are_refused_with_the_reason() {
        PublishScenario publish = parsed(new PublishScenario(), "--spawn", "--nodes", "2");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, publish::openTarget);

        assertEquals(
                "--nodes 2 needs --db postgres: several nodes share one PostgreSQL database, and the embedded H2"
                        + " database is single-node",
                refused.getMessage());
    }

    @Test
    void several_nodes_of_a_server_already_running_are_refused_with_the_reason() {
        FanoutScenario fanout =
                parsed(new FanoutScenario(), "--url", "http://127.0.0.1:8080", "--db", "postgres", "--nodes", "3");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, fanout::openTarget);

        assertEquals(
                "--nodes 3 needs --spawn instead of --url: the bench starts the nodes itself, on one PostgreSQL"
                        + " database",
                refused.getMessage());
    }

    @Test
    void no_node_at_all_is_refused() {
        PublishScenario publish = parsed(new PublishScenario(), "--spawn", "--db", "postgres", "--nodes", "0");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, publish::openTarget);

        assertEquals("--nodes must be at least 1, got 0", refused.getMessage());
    }

    @Test
    void several_nodes_take_the_postgres_feed_and_server_env_still_has_the_last_word() {
        assertEquals(
                "postgres",
                Target.serverEnvironment(POSTGRES, BenchTokens.OFF, 2, Map.of()).get("CHAT_FEED"));
        assertEquals(
                "local",
                Target.serverEnvironment(POSTGRES, BenchTokens.OFF, 2, Map.of("CHAT_FEED", "local"))
                        .get("CHAT_FEED"));
    }

    @Test
    void one_node_is_told_nothing_new() {
        assertFalse(
                Target.serverEnvironment(POSTGRES, BenchTokens.OFF, 1, Map.of()).containsKey("CHAT_FEED"));
    }

    private static <S extends Scenario> S parsed(S scenario, String... arguments) {
        new CommandLine(scenario)
                .registerConverter(Duration.class, DurationText::parse)
                .parseArgs(arguments);
        return scenario;
    }
}
