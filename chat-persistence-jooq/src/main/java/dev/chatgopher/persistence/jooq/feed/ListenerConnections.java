package dev.chatgopher.persistence.jooq.feed;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens the feed's listening connection: a pgjdbc connection of its own, outside the pool (it stays in {@code LISTEN}
 * for as long as the node runs), with an application name operators can find in {@code pg_stat_activity}.
 */
@FunctionalInterface
public interface ListenerConnections {

    Connection open() throws SQLException;
}
