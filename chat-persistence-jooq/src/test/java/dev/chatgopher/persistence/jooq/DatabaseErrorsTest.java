package dev.chatgopher.persistence.jooq;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

class DatabaseErrorsTest {

    @Test
    void a_refused_connection_is_unavailability() {
        SQLException refused =
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001", new ConnectException());

        assertTrue(DatabaseErrors.isUnavailable(new DataAccessException("SQL [insert ...]", refused)));
    }

    @Test
    void a_pool_timeout_is_unavailability() {
        assertTrue(DatabaseErrors.isUnavailable(new DataAccessException(
                "x",
                new SQLTransientConnectionException(
                        "pool - Connection is not available, request timed out after 2000ms."))));
    }

    @Test
    void a_server_shutting_down_is_unavailability() {
        assertTrue(DatabaseErrors.isUnavailable(
                new SQLException("terminating connection due to administrator command", "57P01")));
    }

    @Test
    void a_broken_statement_is_not_unavailability() {
        assertFalse(
                DatabaseErrors.isUnavailable(new DataAccessException("x", new SQLException("syntax error", "42601"))));
        assertFalse(DatabaseErrors.isUnavailable(
                new DataAccessException("x", new SQLException("unique violation", "23505"))));
        assertFalse(DatabaseErrors.isUnavailable(new IllegalStateException("bug")));
    }
}
