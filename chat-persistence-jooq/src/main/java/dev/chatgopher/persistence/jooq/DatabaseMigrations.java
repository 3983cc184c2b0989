package dev.chatgopher.persistence.jooq;

import dev.chatgopher.domain.model.RoomId;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings a database to the current schema with the Flyway migrations under {@code db/migration}. */
public final class DatabaseMigrations {

    private DatabaseMigrations() {}

    /**
     * Applies the pending migrations and returns how many ran; safe to call on every start.
     *
     * @param defaultRoom the room that messages stored before rooms existed are moved to (only the migration that
     *     adds rooms uses it, so changing it later moves nothing)
     */
    public static int migrate(DataSource dataSource, RoomId defaultRoom) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                // A valid RoomId holds no quote, so it is safe inside the migration's string literal.
                .placeholders(Map.of("default_room", defaultRoom.value()))
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
