package dev.chatgopher.persistence.jooq;

import dev.chatgopher.domain.model.RoomId;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema of the test PostgreSQL server for one test class: created before its tests, dropped after.
 * Register it as a static field: {@code @RegisterExtension static final PostgresSchema postgres = new PostgresSchema();},
 * or {@link #migrated()} for one with the tables.
 */
public final class PostgresSchema implements BeforeAllCallback, AfterAllCallback {

    private final boolean migrated;
    private TestPostgres.Schema schema;

    /** An empty schema, without tables. */
    public PostgresSchema() {
        this(false);
    }

    private PostgresSchema(boolean migrated) {
        this.migrated = migrated;
    }

    /** A schema with the migrations applied before the class's tests, {@code general} as the default room. */
    public static PostgresSchema migrated() {
        return new PostgresSchema(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        schema = TestPostgres.newSchema();
        if (migrated) {
            DatabaseMigrations.migrate(schema.dataSource(), RoomId.GENERAL);
        }
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
