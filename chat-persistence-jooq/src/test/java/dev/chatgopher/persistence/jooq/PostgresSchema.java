package dev.chatgopher.persistence.jooq;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema of the test PostgreSQL server for one test class: created before its tests, dropped after.
 * Register it as a static field: {@code @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();}
 */
public final class PostgresSchema implements BeforeAllCallback, AfterAllCallback {

    private TestPostgres.Schema schema;

    @Override
    public void beforeAll(ExtensionContext context) {
        schema = TestPostgres.newSchema();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (schema != null) {
            schema.close();
        }
    }

    /** The JDBC URL that makes this schema the current one. */
    public String jdbcUrl() {
        return schema.jdbcUrl();
    }

    public DataSource dataSource() {
        return schema.dataSource();
    }
}
