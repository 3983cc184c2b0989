package dev.chatgopher.persistence.jooq;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server for tests, found in this order: {@code CHAT_TEST_PG_URL} (a JDBC URL), a Testcontainers
 * container when a Docker engine is available, a local server on 127.0.0.1:5432 (database {@code test}, user
 * {@code postgres}). When none answers, tests are skipped, except when {@code CI} is set: then they fail.
 * Each test class works in a schema of its own, so classes cannot see each other's rows.
 */
public final class TestPostgres {

    private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static String serverUrl;

    private TestPostgres() {}

    /** Creates an empty schema on the test server; closing it drops the schema and everything in it. */
    public static Schema newSchema() {
        String url = serverUrl();
        String name = "chat_test_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        execute(url, "create schema " + name);
        return new Schema(url, name);
    }

    private static synchronized String serverUrl() {
        if (serverUrl == null) {
            serverUrl = locateServer();
        }
        return serverUrl;
    }

    private static String locateServer() {
        String configured = System.getenv("CHAT_TEST_PG_URL");
        if (configured != null && !configured.isBlank()) {
            requireReachable(configured, "CHAT_TEST_PG_URL=" + configured);
            return configured;
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            @SuppressWarnings("resource") // lives as long as the test JVM; Testcontainers' reaper removes it
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            return container.getJdbcUrl() + "&user=" + container.getUsername() + "&password=" + container.getPassword();
        }
        requireReachable(LOCAL_URL, "the local server at 127.0.0.1:5432 (database test, user postgres)");
        return LOCAL_URL;
    }

    private static void requireReachable(String url, String described) {
        try (Connection ignored = DriverManager.getConnection(url, new Properties())) {
            return;
        } catch (SQLException e) {
            String reason = "No PostgreSQL for tests: tried CHAT_TEST_PG_URL, Testcontainers (no Docker engine) and "
                    + described + ": " + e.getMessage();
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(reason + ". CI is set, so PostgreSQL tests fail rather than skip.", e);
            }
            Assumptions.abort(reason);
        }
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "' on the test server: " + e.getMessage(), e);
        }
    }

    /** A schema of the test server, with the JDBC URL that makes it the current schema. */
    public record Schema(String serverUrl, String name) implements AutoCloseable {

        public String jdbcUrl() {
            return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
        }

        public PGSimpleDataSource dataSource() {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(jdbcUrl());
            return dataSource;
        }

        @Override
        public void close() {
            execute(serverUrl, "drop schema if exists " + name + " cascade");
        }
    }
}
