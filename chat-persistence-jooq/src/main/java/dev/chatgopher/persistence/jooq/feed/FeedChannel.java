package dev.chatgopher.persistence.jooq.feed;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
            return new FeedChannel(PREFIX + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the current schema: " + e.getMessage(), e);
        }
    }

    /** {@code LISTEN} for this channel: quoted, as the name has a dot and may have capitals. */
    String listenStatement() {
        return "listen \"" + name.replace("\"", "\"\"") + "\"";
    }
}
