package dev.chatgopher.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.TextLengthLimit;
import dev.chatgopher.domain.service.WriterSettings;
import dev.chatgopher.transport.EdgeSettings;
import dev.chatgopher.transport.RequestTimeouts;
import dev.chatgopher.transport.RoomSettings;
import dev.chatgopher.transport.ServerSettings;
import dev.chatgopher.transport.auth.AuthSettings;
import dev.chatgopher.transport.auth.PublicKeyFiles;
import dev.chatgopher.transport.auth.TokenKeys;
import dev.chatgopher.transport.limits.LimitSettings;
import dev.chatgopher.transport.origin.AllowedOrigins;
import dev.chatgopher.transport.proxy.TrustedProxies;
import dev.chatgopher.transport.tls.TlsSettings;
import dev.chatgopher.transport.ws.OutboundLimits;
import dev.chatgopher.transport.ws.WebSocketSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Everything the application reads from its configuration, checked once at start. */
public record AppSettings(
        ServerSettings server,
        TextLengthLimit textLengthLimit,
        WriterSettings writer,
        DatabaseSettings database,
        FeedMode feed,
        ShutdownSettings shutdown) {

    /** Reads and checks the {@code chat} section; a wrong value becomes one clear sentence. */
    public static AppSettings from(Config config) {
        try {
            Config chat = config.getConfig("chat");
            DatabaseSettings database = database(chat);
            return new AppSettings(
                    server(chat),
                    new TextLengthLimit(chat.getInt("messages.max-text-length")),
                    writer(chat),
                    database,
                    FeedMode.of(optionalString(chat, "feed"), database.dialect()),
                    new ShutdownSettings(chat.getDuration("shutdown.grace"), chat.getDuration("shutdown.timeout")));
        } catch (ConfigException | IllegalArgumentException e) {
            throw new StartupException("Invalid configuration: " + e.getMessage(), e);
        }
    }

    private static ServerSettings server(Config chat) {
        AuthSettings auth = auth(chat);
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
                edge(chat, auth),
                auth,
                new RequestTimeouts(
                        chat.getDuration("http.request-header-timeout"),
                        chat.getDuration("http.request-body-timeout"),
                        chat.getDuration("http.idle-timeout")));
    }

    private static EdgeSettings edge(Config chat, AuthSettings auth) {
        EdgeSettings edge = EdgeSettings.DEFAULT
                .withAllowedOrigins(AllowedOrigins.of(list(chat, "http.allowed-origins")))
                .withTrustedProxies(TrustedProxies.of(list(chat, "http.trusted-proxies")))
                .withLimits(limits(chat, auth));
        return optionalString(chat, "http.tls.keystore") != null ? edge.withTls(tls(chat.getConfig("http.tls"))) : edge;
    }

    /** {@code auto} limits exactly when tokens are on: a local run without tokens behaves as it always did. */
    private static LimitSettings limits(Config chat, AuthSettings auth) {
        Config limits = chat.getConfig("limits");
        String enabled = limits.getString("enabled").trim().toLowerCase(Locale.ROOT);
        boolean on = switch (enabled) {
            case "on" -> true;
            case "off" -> false;
            case "auto" -> auth.tokensOn();
            default ->
                throw new IllegalArgumentException(
                        "chat.limits.enabled must be auto, on or off, got \"" + enabled + "\"");
        };
        return new LimitSettings(
                on,
                limits.getInt("messages-per-second"),
                limits.getInt("message-burst"),
                limits.getInt("connections-per-identity"),
                limits.getInt("connections-per-address"),
                limits.getInt("handshakes-per-second"),
                limits.getInt("handshake-burst"),
                limits.getInt("max-connections"));
    }

    /** The keystore's password comes from the environment or from a file (a mounted secret), never from a log. */
    private static TlsSettings tls(Config tls) {
        Path keystore = Path.of(tls.getString("keystore"));
        String password;
        if (tls.hasPath("keystore-password")
                && !tls.getString("keystore-password").isEmpty()) {
            password = tls.getString("keystore-password");
        } else if (optionalString(tls, "keystore-password-file") instanceof String name) {
            Path file = Path.of(name);
            try {
                password = Files.readString(file).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("the TLS keystore password file " + file + " cannot be read", e);
            }
        } else {
            throw new IllegalArgumentException("the TLS keystore " + keystore
                    + " needs a password: set CHAT_TLS_KEYSTORE_PASSWORD or CHAT_TLS_KEYSTORE_PASSWORD_FILE");
        }
        return TlsSettings.fromPkcs12(keystore, password.toCharArray(), tls.getInt("port"));
    }

    /** A comma-separated string (as an environment variable has it) or a HOCON list. */
    private static List<String> list(Config chat, String path) {
        if (!chat.hasPath(path)) {
            return List.of();
        }
        if (chat.getValue(path).valueType() == ConfigValueType.LIST) {
            return chat.getStringList(path);
        }
        return Arrays.stream(chat.getString(path).split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
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
        Map<String, String> given = new LinkedHashMap<>();
        for (String key : List.of("hmac-secret", "public-key-file", "jwks")) {
            String value = optionalString(auth, key);
            if (value != null) {
                given.put("chat.auth." + key, value);
            }
        }
        if (given.isEmpty()) {
            throw new IllegalArgumentException("chat.auth.mode is token but no key is configured: set one of"
                    + " CHAT_AUTH_HMAC_SECRET, CHAT_AUTH_PUBLIC_KEY_FILE or CHAT_AUTH_JWKS");
        }
        if (given.size() > 1) {
            throw new IllegalArgumentException(
                    "set only one kind of token key, got " + String.join(" and ", given.keySet()));
        }
        Map.Entry<String, String> key = given.entrySet().iterator().next();
        return AuthSettings.tokens(tokenKeys(auth, key.getKey(), key.getValue()))
                .withIssuer(optionalString(auth, "issuer"))
                .withAudience(optionalString(auth, "audience"));
    }

    private static TokenKeys tokenKeys(Config auth, String setting, String value) {
        return switch (setting) {
            case "chat.auth.hmac-secret" -> TokenKeys.HmacSecret.of(value);
            case "chat.auth.public-key-file" -> PublicKeyFiles.pem(readableFile(value, setting));
            default -> jwks(auth, value);
        };
    }

    private static TokenKeys jwks(Config auth, String jwks) {
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

    /**
     * A string setting as the server reads it, stripped; null when unset or blank (an unset environment variable
     * leaves {@code ""}). The {@code token} command reads its settings with this too, so that it signs with the
     * very secret the server verifies with.
     */
    static String optionalString(Config config, String path) {
        String value = config.hasPath(path) ? config.getString(path).strip() : "";
        return value.isEmpty() ? null : value;
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
