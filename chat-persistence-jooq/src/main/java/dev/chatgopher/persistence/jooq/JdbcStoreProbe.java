package dev.chatgopher.persistence.jooq;

import dev.chatgopher.domain.model.StoreUnavailableException;
import dev.chatgopher.domain.port.out.StoreProbe;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Asks the database whether it answers, on one connection of its own outside the pool: a pool that is busy or full
 * of broken connections says nothing about the server. The connection is opened with the short timeouts the caller
 * gives in the properties, and opened again after any failure.
 */
public final class JdbcStoreProbe implements StoreProbe, AutoCloseable {

    private final String jdbcUrl;
    private final Properties properties;
    private final int timeoutSeconds;
    private Connection connection;

    /**
     * @param properties driver properties, with connect and socket timeouts short enough for a probe
     * @param timeout    how long the check waits for an answer (JDBC counts in whole seconds, at least 1)
     */
    public JdbcStoreProbe(String jdbcUrl, Properties properties, Duration timeout) {
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
    }

    @Override
    public synchronized void check() {
        boolean reused = connection != null;
        try {
            ask();
        } catch (SQLException first) {
            close();
            if (!reused) {
                throw new StoreUnavailableException(DatabaseErrors.describe(first), first);
            }
            // The probe's own connection may be the only thing broken (the server restarted, or ended it): ask once
            // more on a new one before calling the database unavailable.
            try {
                ask();
            } catch (SQLException again) {
                close();
                throw new StoreUnavailableException(DatabaseErrors.describe(again), again);
            }
        }
    }

    private void ask() throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(jdbcUrl, properties);
        }
        if (!connection.isValid(timeoutSeconds)) {
            throw new SQLException("the database did not answer within " + timeoutSeconds + " s", "08006");
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already broken: nothing to release.
            } finally {
                connection = null;
            }
        }
    }
}
