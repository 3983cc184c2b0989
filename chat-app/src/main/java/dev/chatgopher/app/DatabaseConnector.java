package dev.chatgopher.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chatgopher.persistence.jooq.DatabaseErrors;
import dev.chatgopher.persistence.jooq.JdbcStoreProbe;
import dev.chatgopher.persistence.jooq.feed.ListenerConnections;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.jooq.SQLDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, with a log line per attempt, until the database answers, then opens the connection pool; also opens the
 * probe's own connection. The timeouts are chosen so that an outage is noticed in about a second and the return of
 * the database at the next probe, instead of each request finding out by itself.
 */
final class DatabaseConnector {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseConnector.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    /** Longest single connection attempt while waiting at start, so that each attempt gets its log line. */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    // pgjdbc, for pooled connections (its timeouts count whole seconds).
    /** A healthy server accepts in milliseconds; a refused or black-holed connect must not hold a request longer. */
    private static final int CONNECT_TIMEOUT_SECONDS = 1;
    /** The whole login (startup packet, authentication), bounded for the same reason. */
    private static final int LOGIN_TIMEOUT_SECONDS = 2;
    /**
     * No statement we issue keeps the server busy for more than milliseconds (a batch insert, a page of 1,000
     * history rows), so a socket silent for 5 s belongs to a frozen or vanished server: the connection is dropped
     * and the writer freed. Clients are answered long before, by the 1 s send deadline.
     */
    private static final int SOCKET_TIMEOUT_SECONDS = 5;

    // HikariCP.
    /** Waiting longer than a send's deadline for a pooled connection helps no one; 250 ms is Hikari's minimum. */
    private static final Duration MIN_CONNECTION_WAIT = Duration.ofMillis(250);
    /** The check of an idle connection on borrow: a live one answers in milliseconds; 250 ms is Hikari's minimum. */
    private static final Duration VALIDATION_TIMEOUT = Duration.ofMillis(250);
    /** Idle connections are pinged this often (Hikari's minimum), so that one broken while idle is replaced unseen. */
    private static final Duration KEEPALIVE = Duration.ofSeconds(30);

    /** How the feed's listening connection shows in {@code pg_stat_activity}. */
    static final String FEED_APPLICATION_NAME = "chat-gopher-feed";

    // The probe's own connection: it must answer, or fail, within the stall limit of the availability monitor.
    private static final int PROBE_TIMEOUT_SECONDS = 1;

    private DatabaseConnector() {}

    /**
     * The pool, once the database answers. Broken connections are evicted by Hikari when a statement fails with a
     * connection error; {@link #evictAll} drops the rest when the database went away or came back.
     */
    static HikariDataSource connect(DatabaseSettings settings, Duration answerTimeout, Object meterRegistry) {
        waitUntilReachable(settings);
        HikariConfig config = new HikariConfig();
        config.setPoolName("chat-db");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(Math.max(MIN_CONNECTION_WAIT.toMillis(), answerTimeout.toMillis()));
        config.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
        config.setKeepaliveTime(KEEPALIVE.toMillis());
        // No idle connections kept in reserve: Hikari refills a reserve by retrying with a backoff of up to 5 s
        // while the database is down, and that sleeping retry is what the first request after the outage would
        // wait for (measured: the first send succeeded 4.9 s after PostgreSQL was back). Without a reserve a
        // connection is opened when a request needs one, at once; under load the pool stays full anyway.
        config.setMinimumIdle(0);
        config.setMetricRegistry(meterRegistry);
        if (settings.dialect() == SQLDialect.POSTGRES) {
            config.addDataSourceProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
            config.addDataSourceProperty("loginTimeout", LOGIN_TIMEOUT_SECONDS);
            config.addDataSourceProperty("socketTimeout", SOCKET_TIMEOUT_SECONDS);
            // The operating system probes idle connections too, so a peer that vanished is noticed.
            config.addDataSourceProperty("tcpKeepAlive", true);
            config.addDataSourceProperty("ApplicationName", "chat-gopher");
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StartupException(
                    "Could not open connections to the " + settings.description() + ": " + DatabaseErrors.describe(e),
                    e);
        }
    }

    /** Closes every idle pooled connection now and every busy one when it is returned; new ones are opened as needed. */
    static void evictAll(HikariDataSource pool) {
        if (pool.getHikariPoolMXBean() != null) {
            pool.getHikariPoolMXBean().softEvictConnections();
        }
    }

    /** The probe: one connection of its own, with timeouts short enough to answer within a second either way. */
    static JdbcStoreProbe probe(DatabaseSettings settings) {
        Properties properties = driverProperties(settings, PROBE_TIMEOUT_SECONDS);
        if (settings.dialect() == SQLDialect.POSTGRES) {
            properties.setProperty("socketTimeout", Integer.toString(PROBE_TIMEOUT_SECONDS));
            properties.setProperty("tcpKeepAlive", "true");
            properties.setProperty("ApplicationName", "chat-gopher-probe");
        }
        return new JdbcStoreProbe(settings.jdbcUrl(), properties, Duration.ofSeconds(PROBE_TIMEOUT_SECONDS));
    }

    /**
     * The PostgreSQL feed's listening connections, outside the pool: it holds one for as long as the node runs. The
     * socket timeout bounds the checks it makes while no notification comes (its waits are shorter still).
     */
    static ListenerConnections feedListener(DatabaseSettings settings) {
        Properties properties = driverProperties(settings, CONNECT_TIMEOUT_SECONDS);
        properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", FEED_APPLICATION_NAME);
        return () -> DriverManager.getConnection(settings.jdbcUrl(), properties);
    }

    private static void waitUntilReachable(DatabaseSettings settings) {
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            try (Connection ignored =
                    DriverManager.getConnection(settings.jdbcUrl(), connectionProperties(settings, deadline))) {
                if (attempt > 1) {
                    LOG.info("Reached the {} at attempt {}", settings.description(), attempt);
                }
                return;
            } catch (SQLException e) {
                String reason = DatabaseErrors.describe(e);
                long remainingNanos = deadline - System.nanoTime();
                if (remainingNanos <= 0) {
                    throw new StartupException(
                            "Could not reach the " + settings.description() + " within "
                                    + settings.connectTimeout().toSeconds() + " s: " + reason,
                            e);
                }
                LOG.warn(
                        "Database not reachable yet (attempt {}, giving up in {} s): {}",
                        attempt,
                        Duration.ofNanos(remainingNanos).plusMillis(999).toSeconds(),
                        reason);
                pause(Math.min(RETRY_PAUSE.toNanos(), remainingNanos));
            }
        }
    }

    /** One attempt at start: as long as {@link #ATTEMPT_TIMEOUT}, never past the deadline. */
    private static Properties connectionProperties(DatabaseSettings settings, long deadlineNanos) {
        long remainingSeconds =
                Math.max(1, Duration.ofNanos(deadlineNanos - System.nanoTime()).toSeconds());
        return driverProperties(settings, Math.min(ATTEMPT_TIMEOUT.toSeconds(), remainingSeconds));
    }

    /** User, password, and on PostgreSQL connect and login timeouts in whole seconds (pgjdbc's unit). */
    private static Properties driverProperties(DatabaseSettings settings, long timeoutSeconds) {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        if (settings.dialect() == SQLDialect.POSTGRES) {
            properties.setProperty("connectTimeout", Long.toString(timeoutSeconds));
            properties.setProperty("loginTimeout", Long.toString(timeoutSeconds));
        }
        return properties;
    }

    private static void pause(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("Interrupted while waiting for the database", e);
        }
    }
}
