package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.service.WriterSettings;
import dev.chatgopher.transport.EdgeSettings;
import dev.chatgopher.transport.RequestTimeouts;
import dev.chatgopher.transport.RoomSettings;
import dev.chatgopher.transport.limits.LimitSettings;
import dev.chatgopher.transport.testing.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppSettingsTest {

    @TempDir
    Path workingDirectory;

    @Test
    void defaults_serve_localhost_8080_from_the_embedded_database() {
        AppSettings settings = load(Map.of());

        assertEquals("localhost", settings.server().host());
        assertEquals(8080, settings.server().port());
        assertEquals(65_536, settings.server().maxBodyBytes());
        assertEquals(128, settings.textLengthLimit().maxCodePoints());
        assertEquals(SQLDialect.H2, settings.database().dialect());
        assertTrue(
                settings.database()
                        .jdbcUrl()
                        .startsWith("jdbc:h2:file:" + Path.of("data").toAbsolutePath()),
                settings.database().jdbcUrl());
        assertEquals(Duration.ofSeconds(30), settings.database().connectTimeout());
        assertEquals(4096, settings.server().webSocket().outbound().maxFrames());
        assertEquals(Duration.ofSeconds(30), settings.server().webSocket().pingInterval());
        assertEquals(Duration.ofSeconds(10), settings.server().webSocket().pongTimeout());
        assertEquals(new WriterSettings(10_000, 256, Duration.ofHours(24), Duration.ofSeconds(1)), settings.writer());
        assertEquals(ShutdownSettings.DEFAULT, settings.shutdown());
        assertEquals(new RoomSettings(RoomId.GENERAL, 100), settings.server().rooms());
        assertEquals(RequestTimeouts.DEFAULT, settings.server().timeouts());
    }

    @Test
    void the_request_timeouts_are_configurable() {
        AppSettings settings = load(environment(
                "CHAT_HTTP_REQUEST_HEADER_TIMEOUT",
                "3s",
                "CHAT_HTTP_REQUEST_BODY_TIMEOUT",
                "4s",
                "CHAT_HTTP_IDLE_TIMEOUT",
                "2m"));

        assertEquals(
                new RequestTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofMinutes(2)),
                settings.server().timeouts());
    }

    @Test
    void the_default_room_and_the_rooms_per_connection_are_configurable() {
        AppSettings settings = load(environment("CHAT_ROOMS_DEFAULT", "lobby", "CHAT_ROOMS_MAX_PER_CONNECTION", "7"));

        assertEquals(new RoomSettings(RoomId.of("lobby"), 7), settings.server().rooms());
    }

    @Test
    void a_default_room_that_breaks_the_room_rule_is_refused_in_one_sentence() {
        StartupException refused =
                assertThrows(StartupException.class, () -> load(environment("CHAT_ROOMS_DEFAULT", "Lobby!")));

        assertEquals(
                "Invalid configuration: chat.rooms.default: " + RoomId.RULE + ", got \"Lobby!\"", refused.getMessage());
    }

    @Test
    void the_original_variables_choose_address_and_postgres() {
        AppSettings settings = load(Map.of(
                "APP_HOST",
                "0.0.0.0",
                "APP_PORT",
                "9090",
                "DB_HOST",
                "db.internal",
                "DB_PORT",
                "6543",
                "DB_USER",
                "chat",
                "DB_PASSWORD",
                "s3cret",
                "DB_NAME",
                "chat_gopher"));

        assertEquals("0.0.0.0", settings.server().host());
        assertEquals(9090, settings.server().port());
        assertEquals(SQLDialect.POSTGRES, settings.database().dialect());
        assertEquals(
                "jdbc:postgresql://db.internal:6543/chat_gopher",
                settings.database().jdbcUrl());
        assertEquals("chat", settings.database().user());
        assertEquals("s3cret", settings.database().password());
        assertEquals(
                "PostgreSQL at db.internal:6543, database chat_gopher, user chat",
                settings.database().description());
    }

    @Test
    void every_limit_is_configurable_from_the_environment() {
        AppSettings settings = load(environment(
                "CHAT_MAX_TEXT_LENGTH",
                "500",
                "CHAT_MAX_BODY_BYTES",
                "1024",
                "CHAT_WS_MAX_QUEUED_FRAMES",
                "10",
                "CHAT_WS_MAX_QUEUED_BYTES",
                "1 KiB",
                "CHAT_DATA_DIR",
                "/var/lib/chat",
                "DB_POOL_SIZE",
                "4",
                "DB_CONNECT_TIMEOUT",
                "5s",
                "CHAT_WRITER_QUEUE_CAPACITY",
                "50",
                "CHAT_WRITER_MAX_BATCH_SIZE",
                "8",
                "CHAT_IDEMPOTENCY_RETENTION",
                "1h",
                "CHAT_WRITER_ANSWER_TIMEOUT",
                "250ms",
                "CHAT_SHUTDOWN_GRACE",
                "0s",
                "CHAT_SHUTDOWN_TIMEOUT",
                "5s"));

        assertEquals(500, settings.textLengthLimit().maxCodePoints());
        assertEquals(1024, settings.server().maxBodyBytes());
        assertEquals(10, settings.server().webSocket().outbound().maxFrames());
        assertEquals(1024, settings.server().webSocket().outbound().maxBytes());
        assertEquals(
                "jdbc:h2:file:/var/lib/chat/chat-gopher",
                settings.database().jdbcUrl().split(";")[0]);
        assertEquals(4, settings.database().poolSize());
        assertEquals(Duration.ofSeconds(5), settings.database().connectTimeout());
        assertEquals(new WriterSettings(50, 8, Duration.ofHours(1), Duration.ofMillis(250)), settings.writer());
        assertEquals(new ShutdownSettings(Duration.ZERO, Duration.ofSeconds(5)), settings.shutdown());
    }

    @Test
    void a_dotenv_file_is_read_and_the_real_environment_wins() throws IOException {
        Files.writeString(workingDirectory.resolve(".env"), """
                # database of the original
                DB_HOST=localhost
                DB_PORT=5432
                DB_USER=username
                DB_PASSWORD="pass word"
                DB_NAME=chat_gopher
                APP_PORT=7000
                """);

        AppSettings settings = load(Map.of("APP_PORT", "7001", "DB_NAME", "from_env"));

        assertEquals(7001, settings.server().port());
        assertEquals(
                "jdbc:postgresql://localhost:5432/from_env", settings.database().jdbcUrl());
        assertEquals("username", settings.database().user());
        assertEquals("pass word", settings.database().password());
    }

    @Test
    void system_properties_override_everything() {
        Properties properties = new Properties();
        properties.setProperty("chat.http.port", "0");

        AppSettings settings =
                AppSettings.from(ConfigLoader.load(workingDirectory, Map.of("APP_PORT", "9999"), properties));

        assertEquals(0, settings.server().port());
    }

    @Test
    void a_jdbc_url_can_name_the_database_and_its_password_is_never_shown() {
        AppSettings settings = load(Map.of(
                "DB_URL",
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=hunter2",
                "DB_PASSWORD",
                "hunter3"));

        assertEquals(SQLDialect.POSTGRES, settings.database().dialect());
        assertFalse(
                settings.database().description().contains("hunter2"),
                settings.database().description());
        assertFalse(settings.database().toString().contains("hunter3"));
        assertFalse(settings.toString().contains("hunter3"), settings.toString());
    }

    @Test
    void a_wrong_value_is_one_clear_sentence() {
        StartupException port = assertThrows(StartupException.class, () -> load(Map.of("APP_PORT", "eighty")));
        StartupException limit = assertThrows(StartupException.class, () -> load(Map.of("CHAT_MAX_TEXT_LENGTH", "0")));
        StartupException url = assertThrows(StartupException.class, () -> load(Map.of("DB_URL", "jdbc:mysql://x/y")));

        assertTrue(
                port.getMessage().startsWith("Invalid configuration: ")
                        && port.getMessage().contains("port"),
                port.getMessage());
        assertEquals("Invalid configuration: maximum text length must be at least 1, got 0", limit.getMessage());
        assertEquals("DB_URL must be a jdbc:postgresql: or jdbc:h2: URL, got jdbc:mysql://x/y", url.getMessage());
    }

    @Test
    void the_feed_goes_through_postgres_on_postgres_and_stays_local_on_h2_by_default() {
        assertEquals(FeedMode.LOCAL, load(Map.of()).feed());
        assertEquals(FeedMode.POSTGRES, load(Map.of("DB_HOST", "db.internal")).feed());
        assertEquals(
                FeedMode.POSTGRES,
                load(Map.of("DB_URL", "jdbc:postgresql://127.0.0.1:5432/test")).feed());
    }

    @Test
    void a_local_feed_may_be_chosen_on_postgres() {
        assertEquals(
                FeedMode.LOCAL,
                load(Map.of("DB_HOST", "db.internal", "CHAT_FEED", " Local ")).feed());
        assertEquals(FeedMode.LOCAL, load(Map.of("CHAT_FEED", "local")).feed());
    }

    @Test
    void a_postgres_feed_on_h2_is_refused_in_one_sentence() {
        StartupException refused = assertThrows(StartupException.class, () -> load(Map.of("CHAT_FEED", "postgres")));
        StartupException unknown = assertThrows(
                StartupException.class, () -> load(Map.of("DB_HOST", "db.internal", "CHAT_FEED", "redis")));

        assertEquals(
                "chat.feed (CHAT_FEED) is postgres, which needs PostgreSQL, but the database is H2: set"
                        + " CHAT_FEED=local, or configure PostgreSQL",
                refused.getMessage());
        assertEquals("chat.feed (CHAT_FEED) must be local or postgres, got 'redis'", unknown.getMessage());
    }

    @Test
    void limits_are_off_by_default_and_auto_turns_them_on_exactly_with_tokens() {
        Properties tokens = new Properties();
        tokens.setProperty("chat.auth.mode", "token");
        tokens.setProperty("chat.auth.hmac-secret", "a secret of at least thirty-two bytes");

        assertEquals(LimitSettings.OFF, load(Map.of()).server().edge().limits());
        assertTrue(AppSettings.from(ConfigLoader.load(workingDirectory, Map.of(), tokens))
                .server()
                .edge()
                .limits()
                .enabled());
        assertFalse(AppSettings.from(ConfigLoader.load(workingDirectory, Map.of("CHAT_LIMITS_ENABLED", "off"), tokens))
                .server()
                .edge()
                .limits()
                .enabled());
        assertTrue(load(Map.of("CHAT_LIMITS_ENABLED", "on"))
                .server()
                .edge()
                .limits()
                .enabled());
    }

    @Test
    void every_abuse_limit_is_configurable_from_the_environment() {
        AppSettings settings = load(environment(
                "CHAT_LIMITS_ENABLED", "on",
                "CHAT_LIMITS_MESSAGES_PER_SECOND", "2",
                "CHAT_LIMITS_MESSAGE_BURST", "5",
                "CHAT_LIMITS_CONNECTIONS_PER_IDENTITY", "3",
                "CHAT_LIMITS_CONNECTIONS_PER_ADDRESS", "7",
                "CHAT_LIMITS_HANDSHAKES_PER_SECOND", "4",
                "CHAT_LIMITS_HANDSHAKE_BURST", "8",
                "CHAT_LIMITS_MAX_CONNECTIONS", "1000"));

        assertEquals(
                new LimitSettings(true, 2, 5, 3, 7, 4, 8, 1000),
                settings.server().edge().limits());
    }

    @Test
    void a_limits_switch_that_is_not_auto_on_or_off_is_one_clear_sentence() {
        StartupException refused =
                assertThrows(StartupException.class, () -> load(Map.of("CHAT_LIMITS_ENABLED", "sometimes")));

        assertEquals(
                "Invalid configuration: chat.limits.enabled must be auto, on or off, got \"sometimes\"",
                refused.getMessage());
    }

    @Test
    void allowed_origins_and_trusted_proxies_are_comma_separated_lists() throws Exception {
        AppSettings settings = load(Map.of(
                "CHAT_HTTP_ALLOWED_ORIGINS", "https://app.example.com, http://localhost:*",
                "CHAT_HTTP_TRUSTED_PROXIES", "10.0.0.0/8,::1"));

        EdgeSettings edge = settings.server().edge();
        assertEquals(
                List.of("https://app.example.com", "http://localhost:*"),
                edge.allowedOrigins().list());
        assertTrue(edge.allowedOrigins().corsEnabled());
        assertTrue(edge.trustedProxies().trusts(InetAddress.getByName("10.1.2.3")));
        assertTrue(edge.trustedProxies().trusts(InetAddress.getByName("::1")));
        assertFalse(load(Map.of()).server().edge().allowedOrigins().corsEnabled());
    }

    @Test
    void a_trusted_proxy_that_is_no_address_is_one_clear_sentence() {
        StartupException refused =
                assertThrows(StartupException.class, () -> load(Map.of("CHAT_HTTP_TRUSTED_PROXIES", "10.0.0.0/40")));

        assertEquals(
                "Invalid configuration: the prefix length of \"10.0.0.0/40\" must be a number from 0 to 32",
                refused.getMessage());
    }

    @Test
    void a_keystore_with_its_password_from_the_environment_or_a_file_adds_a_tls_listener() throws IOException {
        Path keystore = TestCertificates.forLocalhost().writePkcs12(workingDirectory.resolve("server.p12"), "hunter42");
        Path passwordFile = Files.writeString(workingDirectory.resolve("password"), "hunter42\n");

        AppSettings fromEnvironment = load(Map.of(
                "CHAT_TLS_KEYSTORE",
                keystore.toString(),
                "CHAT_TLS_KEYSTORE_PASSWORD",
                "hunter42",
                "CHAT_TLS_PORT",
                "0"));
        AppSettings fromFile = load(Map.of(
                "CHAT_TLS_KEYSTORE", keystore.toString(), "CHAT_TLS_KEYSTORE_PASSWORD_FILE", passwordFile.toString()));

        assertEquals(0, fromEnvironment.server().edge().tls().orElseThrow().port());
        assertEquals(8443, fromFile.server().edge().tls().orElseThrow().port());
        assertFalse(fromEnvironment.toString().contains("hunter42"), fromEnvironment.toString());
        assertTrue(load(Map.of()).server().edge().tls().isEmpty());
    }

    @Test
    void a_wrong_keystore_password_a_missing_keystore_or_no_password_is_one_clear_sentence() {
        Path keystore = TestCertificates.forLocalhost().writePkcs12(workingDirectory.resolve("server.p12"), "right");
        Path missing = workingDirectory.resolve("missing.p12");

        StartupException wrong = assertThrows(
                StartupException.class,
                () -> load(Map.of("CHAT_TLS_KEYSTORE", keystore.toString(), "CHAT_TLS_KEYSTORE_PASSWORD", "wrong")));
        StartupException absent = assertThrows(
                StartupException.class,
                () -> load(Map.of("CHAT_TLS_KEYSTORE", missing.toString(), "CHAT_TLS_KEYSTORE_PASSWORD", "right")));
        StartupException noPassword =
                assertThrows(StartupException.class, () -> load(Map.of("CHAT_TLS_KEYSTORE", keystore.toString())));

        assertEquals(
                "Invalid configuration: the TLS keystore " + keystore
                        + " cannot be opened with the password given: is it wrong?",
                wrong.getMessage());
        assertEquals("Invalid configuration: the TLS keystore " + missing + " does not exist", absent.getMessage());
        assertEquals(
                "Invalid configuration: the TLS keystore " + keystore
                        + " needs a password: set CHAT_TLS_KEYSTORE_PASSWORD or CHAT_TLS_KEYSTORE_PASSWORD_FILE",
                noPassword.getMessage());
    }

    private static Map<String, String> environment(String... namesAndValues) {
        Map<String, String> environment = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            environment.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return environment;
    }

    private AppSettings load(Map<String, String> environment) {
        return AppSettings.from(ConfigLoader.load(workingDirectory, environment, new Properties()));
    }
}
