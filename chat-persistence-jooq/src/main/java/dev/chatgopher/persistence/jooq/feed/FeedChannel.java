package dev.chatgopher.persistence.jooq.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import javax.sql.DataSource;

/**
 * The NOTIFY channel of one deployment: named after the schema its tables live in, so that deployments (and test
 * classes, one schema each) sharing a database do not wake each other.
 */
public record FeedChannel(String name) {

    private static final String PREFIX = "chat_gopher.";
    /** PostgreSQL refuses longer channel names in pg_notify and silently shortens them in LISTEN. */
    private static final int MAX_NAME_BYTES = 63;

    public FeedChannel {
        if (name == null || name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException(
                    "a notification channel needs a name of 1 to " + MAX_NAME_BYTES + " bytes, got " + name);
        }
    }

    /** The channel of the schema the data source's connections work in. */
    public static FeedChannel ofCurrentSchema(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select current_schema()")) {
            row.next();
            String schema = row.getString(1);
            if (schema == null) {
                throw new IllegalStateException("the database connection has no current schema to name a channel by");
            }
            return forSchema(schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the current schema: " + e.getMessage(), e);
        }
    }

    /**
     * The channel of a schema: {@code chat_gopher.<schema>}, or, for a schema whose name would make it longer than
     * PostgreSQL allows, the start of the name and a hash of all of it, so that every schema still gets a channel of
     * its own instead of a refusal to start.
     */
    static FeedChannel forSchema(String schema) {
        String name = PREFIX + schema;
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
            return new FeedChannel(name);
        }
        String hash = HexFormat.of().formatHex(sha256(schema), 0, 8); // 16 hex digits
        StringBuilder shortened = new StringBuilder(PREFIX);
        int room = MAX_NAME_BYTES - PREFIX.length() - 1 - hash.length();
        for (int i = 0; i < schema.length(); ) {
            int codePoint = schema.codePointAt(i);
            int bytes = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4; // in UTF-8
            if (bytes > room) {
                break;
            }
            shortened.appendCodePoint(codePoint);
            room -= bytes;
            i += Character.charCount(codePoint);
        }
        return new FeedChannel(shortened.append('.').append(hash).toString());
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** {@code LISTEN} for this channel: quoted, as the name has a dot and may have capitals. */
    String listenStatement() {
        return "listen \"" + name.replace("\"", "\"\"") + "\"";
    }
}
