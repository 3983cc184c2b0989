package dev.chatgopher.persistence.jooq;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings a database to the current schema with the Flyway migrations under {@code db/migration}. */
public final class DatabaseMigrations {

    private DatabaseMigrations() {}

    /** Applies the pending migrations and returns how many ran; safe to call on every start. */
    public static int migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
