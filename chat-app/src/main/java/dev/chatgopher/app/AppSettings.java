package dev.chatgopher.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.TextLengthLimit;
import dev.chatgopher.domain.service.WriterSettings;
import dev.chatgopher.transport.RoomSettings;
import dev.chatgopher.transport.ServerSettings;
import dev.chatgopher.transport.auth.AuthSettings;
import dev.chatgopher.transport.auth.PublicKeyFiles;
import dev.chatgopher.transport.auth.TokenKeys;
import dev.chatgopher.transport.ws.OutboundLimits;
import dev.chatgopher.transport.ws.WebSocketSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Everything the application reads from its configuration, checked once at start. */
public record AppSettings(
        ServerSettings server,
        TextLengthLimit textLengthLimit,
        WriterSettings writer,
        DatabaseSettings database,
        ShutdownSettings shutdown) {

    /** Reads and checks the {@code chat} section; a wrong value becomes one clear sentence. */
    public static AppSettings from(Config config) {
        try {
            Config chat = config.getConfig("chat");
            return new AppSettings(
                    server(chat),
                    new TextLengthLimit(chat.getInt("messages.max-text-length")),
                    writer(chat),
                    database(chat),
                    new ShutdownSettings(chat.getDuration("shutdown.grace"), chat.getDuration("shutdown.timeout")));
        } catch (ConfigException | IllegalArgumentException e) {
            throw new StartupException("Invalid configuration: " + e.getMessage(), e);
        }
    }

    private static ServerSettings server(Config chat) {
        return new ServerSettings(
                chat.getString("http.host"),
                chat.getInt("http.port"),
                chat.getInt("http.max-body-bytes"),
                new WebSocketSettings(
                        new OutboundLimits(
                                chat.getInt("websocket.max-queued-frames"),
                                chat.getBytes("websocket.max-queued-bytes")),
                        chat.getDuration("websocket.ping-interval"),
                        chat.getDuration("websocket.pong-timeout"),
                        chat.getDuration("websocket.fanout-interval")),
                rooms(chat),
                auth(chat));
    }

    /**
     * {@code chat.auth}: off, or tokens verified with exactly one kind of key. Key files are read and parsed now, so
     * that a wrong one stops the start with one sentence; a JWKS URL is fetched on the first token, so that an
     * identity provider that is down does not keep the server from starting.
     */
    static AuthSettings auth(Config chat) {
        Config auth = chat.getConfig("auth");
        String mode = auth.getString("mode").strip().toLowerCase(Locale.ROOT);
        if (mode.equals("off")) {
            return AuthSettings.OFF;
        }
        if (!mode.equals("token")) {
            throw new IllegalArgumentException(
                    "chat.auth.mode (CHAT_AUTH_MODE) must be off or token, got '" + auth.getString("mode") + "'");
        }
        List<String> given = new ArrayList<>();
        for (String key : List.of("hmac-secret", "public-key-file", "jwks")) {
            if (!optional(auth, key).isEmpty()) {
                given.add("chat.auth." + key);
            }
        }
        if (given.isEmpty()) {
            throw new IllegalArgumentException("chat.auth.mode is token but no key is configured: set one of"
                    + " CHAT_AUTH_HMAC_SECRET, CHAT_AUTH_PUBLIC_KEY_FILE or CHAT_AUTH_JWKS");
        }
        if (given.size() > 1) {
            throw new IllegalArgumentException("set only one kind of token key, got " + String.join(" and ", given));
        }
        AuthSettings settings = AuthSettings.tokens(tokenKeys(auth));
        String issuer = optional(auth, "issuer");
        String audience = optional(auth, "audience");
        return settings.withIssuer(issuer.isEmpty() ? null : issuer).withAudience(audience.isEmpty() ? null : audience);
    }

    private static TokenKeys tokenKeys(Config auth) {
        String secret = optional(auth, "hmac-secret");
        if (!secret.isEmpty()) {
            return TokenKeys.HmacSecret.of(secret);
        }
        String pem = optional(auth, "public-key-file");
        if (!pem.isEmpty()) {
            return PublicKeyFiles.pem(readableFile(pem, "chat.auth.public-key-file"));
        }
        String jwks = optional(auth, "jwks");
        if (jwks.startsWith("http://") || jwks.startsWith("https://")) {
            try {
                return new TokenKeys.JwksUrl(new URI(jwks), auth.getDuration("jwks-refresh"));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("chat.auth.jwks is not a valid URL: " + e.getMessage(), e);
            }
        }
        return PublicKeyFiles.jwks(readableFile(jwks, "chat.auth.jwks"));
    }

    private static Path readableFile(String name, String setting) {
        Path file = Path.of(name);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(setting + " " + file.toAbsolutePath() + " is not a readable file");
        }
        return file;
    }

    private static String optional(Config config, String key) {
        return config.hasPath(key) ? config.getString(key).strip() : "";
    }

    private static RoomSettings rooms(Config chat) {
        String defaultRoom = chat.getString("rooms.default");
        try {
            return new RoomSettings(RoomId.of(defaultRoom), chat.getInt("rooms.max-per-connection"));
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException("chat.rooms.default: " + e.getMessage(), e);
        }
    }

    private static WriterSettings writer(Config chat) {
        return new WriterSettings(
                chat.getInt("writer.queue-capacity"),
                chat.getInt("writer.max-batch-size"),
                chat.getDuration("messages.idempotency-retention"),
                chat.getDuration("writer.answer-timeout"));
    }

    private static DatabaseSettings database(Config chat) {
        Config db = chat.getConfig("database");
        int poolSize = db.getInt("pool-size");
        Duration connectTimeout = db.getDuration("connect-timeout");
        if (db.hasPath("url") && !db.getString("url").isBlank()) {
            return DatabaseSettings.url(
                    db.getString("url"), db.getString("user"), db.getString("password"), poolSize, connectTimeout);
        }
        if (db.hasPath("host") && !db.getString("host").isBlank()) {
            return DatabaseSettings.postgres(
                    db.getString("host"),
                    db.getInt("port"),
                    db.getString("name"),
                    db.getString("user"),
                    db.getString("password"),
                    poolSize,
                    connectTimeout);
        }
        return DatabaseSettings.embedded(Path.of(db.getString("h2-directory")), poolSize, connectTimeout);
    }
}
