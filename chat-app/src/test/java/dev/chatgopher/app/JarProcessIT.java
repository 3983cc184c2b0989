package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.persistence.jooq.PostgresSchema;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.WsClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar as an operator runs it: {@code java -jar chat-gopher.jar}, then SIGTERM, or worse. */
class JarProcessIT {

    @RegisterExtension
    static final PostgresSchema POSTGRES = new PostgresSchema();

    @TempDir
    Path workingDirectory;

    private JarProcess server;
    private Process process;

    @AfterEach
    void kill() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void serves_on_the_embedded_default_and_drains_on_sigterm_then_exits_0() throws Exception {
        process = start(Map.of("APP_PORT", "0", "CHAT_SHUTDOWN_GRACE", "1s"));
        int port = server.awaitPort();
        Http http = Http.onPort(port);
        WsClient client = WsClient.connect(http.webSocketUri("/ws"));
        assertEquals(
                200,
                http.postJson("{\"sequence\": 1, \"text\": \"from the jar\"}").statusCode());
        client.next();
        // The shaded jar still holds the page and Swagger UI (the webjar's files and the pom that names its version).
        assertEquals(200, http.get("/").statusCode());
        assertEquals(200, http.get("/swagger/swagger-ui-bundle.js").statusCode());

        process.destroy(); // SIGTERM

        WsClient.Closed closed = client.awaitClose();
        assertEquals(1001, closed.code());
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the server did not stop within 20 s of SIGTERM");
        assertEquals(0, process.exitValue(), server.output());
        String log = server.output();
        assertTrue(log.contains("Draining: /health/ready answers 503"), log);
        assertTrue(
                log.contains("Starting Chat Gopher on the embedded H2 database in "
                        + workingDirectory.resolve("data").toRealPath()),
                log);
        assertTrue(log.contains("Stopped"), log);
        assertTrue(Files.exists(workingDirectory.resolve("data/chat-gopher.mv.db")));
    }

    @Test
    void a_second_sigterm_ends_a_draining_server_at_once() throws Exception {
        process = start(Map.of("APP_PORT", "0", "CHAT_SHUTDOWN_GRACE", "60s", "CHAT_SHUTDOWN_TIMEOUT", "120s"));
        int port = server.awaitPort();
        assertEquals(200, Http.onPort(port).get("/health/ready").statusCode());

        process.destroy(); // SIGTERM: starts a drain with a minute of grace
        server.awaitLog("Draining");
        assertEquals(503, Http.onPort(port).get("/health/ready").statusCode());
        process.destroy(); // the second one

        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "a second SIGTERM did not end the drain");
        assertEquals(143, process.exitValue(), server.output());
        assertTrue(server.output().contains("Second SIGTERM: stopping at once"), server.output());
    }

    @Test
    void kill_9_under_load_loses_no_acknowledged_message() throws Exception {
        process = start(Map.of("APP_PORT", "0", "DB_URL", POSTGRES.jdbcUrl()));
        SendLoad load = SendLoad.start(server.awaitPort(), 8);
        assertTrue(load.awaitAcknowledgedAfter(0, 200, JarProcess.STARTUP), "no sends were acknowledged");

        process.destroyForcibly(); // SIGKILL, mid-load
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        load.close();

        List<SendLoad.Answer> answers = load.answers();
        Map<String, Long> stored = SendLoad.storedIdsByText(POSTGRES.jdbcUrl());
        assertEquals(
                List.of(),
                SendLoad.acknowledgedButNotStored(answers, stored),
                "acknowledged before the kill but not stored");
        assertEquals(
                List.of(),
                answers.stream()
                        .filter(a -> a.status() == 503 && stored.containsKey(a.text()))
                        .toList(),
                "answered 503 but stored");
    }

    @Test
    void exits_non_zero_naming_the_database_it_could_not_reach_and_never_its_password() throws Exception {
        int closedPort = TestApplications.freePort();
        process = start(Map.of(
                "DB_HOST",
                "127.0.0.1",
                "DB_PORT",
                Integer.toString(closedPort),
                "DB_NAME",
                "chat",
                "DB_USER",
                "gopher",
                "DB_PASSWORD",
                "topsecret",
                "DB_CONNECT_TIMEOUT",
                "2s",
                "APP_PORT",
                "0"));

        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server kept waiting for the database");
        assertEquals(1, process.exitValue());
        List<String> lines = Files.readAllLines(workingDirectory.resolve("out.log"));
        String last = lines.getLast();
        assertTrue(
                last.endsWith("Could not reach the PostgreSQL at 127.0.0.1:" + closedPort
                        + ", database chat, user gopher within 2 s: Connection refused"),
                last);
        assertTrue(
                lines.stream().anyMatch(line -> line.contains("Database not reachable yet (attempt 1")),
                String.join("\n", lines));
        assertFalse(String.join("\n", lines).contains("topsecret"));
    }

    private Process start(Map<String, String> environment) throws IOException {
        server = JarProcess.start(workingDirectory, environment);
        return server.process();
    }
}
