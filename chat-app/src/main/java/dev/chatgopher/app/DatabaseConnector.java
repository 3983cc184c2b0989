package dev.chatgopher.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.jooq.SQLDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits, with a log line per attempt, until the database answers, then opens the connection pool. */
final class DatabaseConnector {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseConnector.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    /** Longest single connection attempt while waiting, so that each attempt gets its log line. */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    /** How long a request may wait for a pooled connection before it is answered 503. */
    private static final Duration CONNECTION_WAIT = Duration.ofSeconds(5);

    private DatabaseConnector() {
    }

    static HikariDataSource connect(DatabaseSettings settings) {
        waitUntilReachable(settings);
        HikariConfig config = new HikariConfig();
        config.setPoolName("chat-db");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(CONNECTION_WAIT.toMillis());
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StartupException("Could not open connections to the " + settings.description() + ": " + rootMessage(e), e);
        }
    }

    private static void waitUntilReachable(DatabaseSettings settings) {
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            try (Connection ignored = DriverManager.getConnection(settings.jdbcUrl(), connectionProperties(settings, deadline))) {
                if (attempt > 1) {
                    LOG.info("Reached the {} at attempt {}", settings.description(), attempt);
                }
                return;
            } catch (SQLException e) {
                String reason = rootMessage(e);
                long remainingNanos = deadline - System.nanoTime();
                if (remainingNanos <= 0) {
                    throw new StartupException("Could not reach the " + settings.description() + " within "
                            + settings.connectTimeout().toSeconds() + " s: " + reason, e);
                }
                LOG.warn("Database not reachable yet (attempt {}, giving up in {} s): {}", attempt,
                        Duration.ofNanos(remainingNanos).plusMillis(999).toSeconds(), reason);
                pause(Math.min(RETRY_PAUSE.toNanos(), remainingNanos));
            }
        }
    }

    private static Properties connectionProperties(DatabaseSettings settings, long deadlineNanos) {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        if (settings.dialect() == SQLDialect.POSTGRES) {
            long remainingSeconds = Math.max(1, Duration.ofNanos(deadlineNanos - System.nanoTime()).toSeconds());
            long seconds = Math.min(ATTEMPT_TIMEOUT.toSeconds(), remainingSeconds);
            properties.setProperty("connectTimeout", Long.toString(seconds));
            properties.setProperty("loginTimeout", Long.toString(seconds));
        }
        return properties;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.strip();
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
