package dev.chatgopher.testkit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link PostgresCluster} of its own for one test class: started before its tests, removed after them.
 * Register it as a static field: {@code @RegisterExtension static final PrivatePostgres POSTGRES = new PrivatePostgres();}
 * Without PostgreSQL binaries the class is skipped, except when {@code CI} is set: then it fails.
 */
public final class PrivatePostgres implements BeforeAllCallback, AfterAllCallback {

    private PostgresCluster cluster;

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            cluster = PostgresCluster.create();
        } catch (PostgresUnavailableException e) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(
                        e.getMessage() + ". CI is set, so fault tests fail rather than skip.", e);
            }
            Assumptions.abort("No private PostgreSQL cluster for fault tests: " + e.getMessage());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** The running cluster, to stop, freeze or kick. */
    public PostgresCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException(
                    "the private cluster exists only between beforeAll and afterAll: register PrivatePostgres as a static field");
        }
        return cluster;
    }

    /** @see PostgresCluster#jdbcUrl(String) */
    public String jdbcUrl(String database) {
        return cluster().jdbcUrl(database);
    }

    /** @see PostgresCluster#createDatabase(String) */
    public void createDatabase(String name) {
        cluster().createDatabase(name);
    }
}
