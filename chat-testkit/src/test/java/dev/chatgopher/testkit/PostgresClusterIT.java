package dev.chatgopher.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each fault of the private cluster, seen from a real JDBC client. Outcomes only: no timing is asserted. */
class PostgresClusterIT {

    private static final String DATABASE = "faults";

    @RegisterExtension
    static final PrivatePostgres POSTGRES = new PrivatePostgres();

    @BeforeAll
    static void createDatabase() {
        POSTGRES.createDatabase(DATABASE);
    }

    @Test
    void answers_queries() throws SQLException {
        assertAnswersOnAFreshConnection();
    }

    @Test
    void a_frozen_cluster_answers_nothing_until_thawed() throws Exception {
        PostgresCluster cluster = POSTGRES.cluster();
        try (Connection connection = connect("&socketTimeout=1")) {
            cluster.freeze();
            try {
                assertTrue(cluster.isFrozen());
                assertThrows(SQLException.class, () -> queryInt(connection, "select 1"));
            } finally {
                cluster.thaw();
            }
        }
        assertFalse(cluster.isFrozen());
        assertAnswersOnAFreshConnection();
    }

    @Test
    void a_connection_attempt_to_a_frozen_cluster_does_not_complete() throws Exception {
        PostgresCluster cluster = POSTGRES.cluster();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        cluster.freeze();
        Future<Integer> attempt;
        try {
            attempt = executor.submit(() -> {
                try (Connection connection = connect("&connectTimeout=30&socketTimeout=30")) {
                    return queryInt(connection, "select 7");
                }
            });
            assertThrows(TimeoutException.class, () -> attempt.get(1, TimeUnit.SECONDS));
        } finally {
            cluster.thaw();
        }
        assertEquals(7, attempt.get(30, TimeUnit.SECONDS), "the waiting connection completes after the thaw");
        executor.shutdown();
    }

    @Test
    void a_stopped_cluster_refuses_connections_and_keeps_its_data_through_a_restart() throws SQLException {
        PostgresCluster cluster = POSTGRES.cluster();
        try (Connection connection = connect("");
                Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists kept (value int)");
            statement.execute("insert into kept values (17)");
        }
        int port = cluster.port();

        cluster.stop();
        try {
            assertFalse(cluster.isRunning());
            SQLException refused = assertThrows(SQLException.class, () -> connect("&connectTimeout=10"));
            assertTrue(causedBy(refused, ConnectException.class), "connection refused, got: " + refused);
        } finally {
            cluster.start();
        }

        assertEquals(port, cluster.port());
        try (Connection connection = connect("")) {
            assertEquals(1, queryInt(connection, "select count(*) from kept where value = 17"));
            connection.createStatement().execute("delete from kept");
        }
    }

    @Test
    void terminating_backends_breaks_their_open_connections() throws SQLException {
        try (Connection connection = connect("")) {
            assertEquals(1, queryInt(connection, "select 1"));

            int terminated = POSTGRES.cluster().terminateBackends(DATABASE);

            assertTrue(terminated >= 1, "terminated " + terminated);
            SQLException broken = assertThrows(SQLException.class, () -> queryInt(connection, "select 1"));
            String state = String.valueOf(broken.getSQLState());
            assertTrue(state.equals("57P01") || state.startsWith("08"), "SQLSTATE " + state + ": " + broken);
        }
        assertAnswersOnAFreshConnection();
    }

    @Test
    void closing_removes_the_directory_and_the_postmaster_even_when_frozen() throws Exception {
        PostgresCluster cluster = PostgresCluster.create();
        Path directory = cluster.directory();
        long pid = cluster.postmasterPid();
        assertTrue(Files.isDirectory(directory));
        cluster.freeze();

        cluster.close();

        assertFalse(Files.exists(directory), directory + " is gone");
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (postmaster.map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(postmaster.map(ProcessHandle::isAlive).orElse(false), "the postmaster " + pid + " has exited");
    }

    private static void assertAnswersOnAFreshConnection() throws SQLException {
        try (Connection connection = connect("")) {
            assertEquals(42, queryInt(connection, "select 42"));
        }
    }

    private static Connection connect(String parameters) throws SQLException {
        return DriverManager.getConnection(POSTGRES.jdbcUrl(DATABASE) + parameters);
    }

    private static int queryInt(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
