package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.persistence.jooq.PostgresSchema;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.Tokens;
import dev.chatgopher.transport.testing.WsClient;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar with every logger at DEBUG and the access log on, a database password, an HS256 secret, and tokens in
 * headers and in {@code access_token=} queries over HTTP and WebSocket: none of those secrets appears in the output.
 */
class SecretsNotLoggedIT {

    @RegisterExtension
    static final PostgresSchema POSTGRES = new PostgresSchema();

    private static final String DEBUG_EVERYTHING = """
            <configuration>
                <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d %-5level [%thread] %logger - %msg%n</pattern></encoder>
                </appender>
                <logger name="dev.chatgopher.access" level="DEBUG"/>
                <root level="DEBUG"><appender-ref ref="CONSOLE"/></root>
            </configuration>
            """;

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
    void no_password_secret_or_token_reaches_the_log_at_debug() throws Exception {
        String databasePassword = "db-password-" + UUID.randomUUID();
        String secret = "hmac-secret-" + UUID.randomUUID();
        List<String> tokens = new ArrayList<>();
        process = start(Map.of(
                "APP_PORT",
                "0",
                "DB_URL",
                POSTGRES.jdbcUrl(),
                "DB_PASSWORD",
                databasePassword,
                "CHAT_AUTH_MODE",
                "token",
                "CHAT_AUTH_HMAC_SECRET",
                secret,
                "CHAT_SHUTDOWN_GRACE",
                "0s"));
        Http http = Http.onPort(server.awaitPort());

        String writer = remember(
                tokens, Tokens.hs256(secret, "alice").read("*").write("*").sign());
        assertEquals(
                200, send(http, "POST", "/api/messages", "Bearer " + writer).statusCode());
        assertEquals(200, send(http, "GET", "/api/rooms", "Bearer " + writer).statusCode());
        String inQuery = remember(tokens, Tokens.hs256(secret, "bob").read("*").sign());
        assertEquals(
                401,
                send(http, "GET", "/api/rooms?access_token=" + inQuery, null).statusCode());
        String expired = remember(
                tokens,
                Tokens.hs256(secret, "carol").expiresIn(Duration.ofHours(-1)).sign());
        assertEquals(401, send(http, "GET", "/api/rooms", "Bearer " + expired).statusCode());
        String forged = remember(
                tokens,
                Tokens.hs256("some-other-secret-of-32-bytes-or-more", "dave").sign());
        assertEquals(401, send(http, "GET", "/api/rooms", "Bearer " + forged).statusCode());
        String webSocketQuery =
                remember(tokens, Tokens.hs256(secret, "erin").read("general").sign());
        String webSocketHeader =
                remember(tokens, Tokens.hs256(secret, "frank").read("general").sign());
        try (WsClient byQuery =
                        WsClient.connect(http.webSocketUri("/ws?rooms=general&access_token=" + webSocketQuery));
                WsClient byHeader = WsClient.connect(http.webSocketUri("/ws"), "Bearer " + webSocketHeader)) {
            assertEquals(
                    200, send(http, "POST", "/api/messages", "Bearer " + writer).statusCode());
            byQuery.next();
            byHeader.next();
        }
        String refused =
                remember(tokens, Tokens.hs256(secret, "grace").read("team-*").sign());
        assertEquals(
                403,
                send(http, "GET", "/ws?rooms=general&access_token=" + refused, null)
                        .statusCode());

        process.destroy(); // SIGTERM: the drain and shutdown lines are part of the output too
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server did not stop");

        String log = server.output();
        assertTrue(log.contains("DEBUG") && log.contains("dev.chatgopher.access"), "the log is at DEBUG:\n" + log);
        assertTrue(log.contains("access_token=REDACTED"), "the access log shows queries, redacted:\n" + log);
        assertFalse(log.contains(databasePassword), "the database password is in the log");
        assertFalse(log.contains(secret), "the HS256 secret is in the log");
        for (String token : tokens) {
            String[] parts = token.split("\\.");
            // The header part ({"alg":"HS256"}) is the same in every token and no secret; the claims and the
            // signature are.
            assertFalse(log.contains(parts[1]), "the claims of a token are in the log: " + parts[1]);
            assertFalse(log.contains(parts[2]), "the signature of a token is in the log: " + parts[2]);
        }
    }

    private static String remember(List<String> tokens, String token) {
        tokens.add(token);
        return token;
    }

    private static HttpResponse<String> send(Http http, String method, String pathAndQuery, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri(pathAndQuery))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        method.equals("POST")
                                ? HttpRequest.BodyPublishers.ofString("{\"text\": \"hello\"}")
                                : HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build());
    }

    private Process start(Map<String, String> environment) throws IOException {
        Path logback = workingDirectory.resolve("logback-debug.xml");
        Files.writeString(logback, DEBUG_EVERYTHING);
        server = JarProcess.start(
                workingDirectory, environment, "-Dlogback.configurationFile=" + logback.toAbsolutePath());
        return server.process();
    }
}
