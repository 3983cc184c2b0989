package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.TestCertificates;
import dev.chatgopher.transport.testing.Upgrade;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled application with origins, limits and TLS set through the environment, as an operator would: the
 * settings reach the server and act together (one message budget over HTTP and HTTPS, refusals in /metrics).
 */
class EdgeAppIT {

    private static final String PASSWORD = "a keystore password";

    @TempDir
    Path directory;

    @Test
    void origins_limits_and_tls_configured_by_environment_all_apply() throws Exception {
        TestCertificates certificates = TestCertificates.forLocalhost();
        Path keystore = certificates.writePkcs12(directory.resolve("server.p12"), PASSWORD);
        try (ChatApplication app = TestApplications.start(
                Map.of(
                        "CHAT_DATA_DIR", directory.resolve("data").toString(),
                        "CHAT_LIMITS_ENABLED", "on",
                        "CHAT_LIMITS_MESSAGES_PER_SECOND", "1",
                        "CHAT_LIMITS_MESSAGE_BURST", "2",
                        "CHAT_HTTP_ALLOWED_ORIGINS", "https://app.example.com",
                        "CHAT_TLS_KEYSTORE", keystore.toString(),
                        "CHAT_TLS_KEYSTORE_PASSWORD", PASSWORD,
                        "CHAT_TLS_PORT", "0"),
                0)) {
            Http http = Http.onPort(app.port());
            HttpClient https = HttpClient.newBuilder()
                    .sslContext(certificates.clientContext())
                    .build();

            HttpResponse<String> overTls = https.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + app.tlsPort() + "/api/messages"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"one\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> plain = http.postJson("{\"text\": \"two\"}");
            HttpResponse<String> third = http.postJson("{\"text\": \"three\"}");

            assertEquals(200, overTls.statusCode(), overTls.body());
            assertEquals(200, plain.statusCode());
            assertEquals(429, third.statusCode(), "one budget for the caller, whichever listener it uses");
            assertEquals("1", third.headers().firstValue("Retry-After").orElseThrow());
            try (Upgrade hijack = Upgrade.attempt(app.port(), "/ws", "Origin: https://evil.example");
                    Upgrade listed = Upgrade.attempt(app.port(), "/ws", "Origin: https://app.example.com")) {
                assertEquals(403, hijack.status());
                assertEquals(101, listed.status());
            }
            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(http.uri("/api/messages"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://app.example.com")
                    .header("Access-Control-Request-Method", "POST")
                    .build());
            assertEquals(204, preflight.statusCode());
            String metrics = http.get("/metrics").body();
            assertTrue(metrics.contains("chat_limits_refusals_total{limit=\"messages\"} 1.0"), metrics);
        }
    }
}
