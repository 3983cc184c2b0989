package dev.chatgopher.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.TextLengthLimit;
import dev.chatgopher.domain.service.WriterSettings;
import dev.chatgopher.transport.RequestTimeouts;
import dev.chatgopher.transport.RoomSettings;
import dev.chatgopher.transport.ServerSettings;
import dev.chatgopher.transport.ws.OutboundLimits;
import dev.chatgopher.transport.ws.WebSocketSettings;
import java.nio.file.Path;
import java.time.Duration;

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
                new RequestTimeouts(
                        chat.getDuration("http.request-header-timeout"),
                        chat.getDuration("http.request-body-timeout"),
                        chat.getDuration("http.idle-timeout")));
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
