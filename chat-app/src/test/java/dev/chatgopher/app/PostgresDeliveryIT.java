package dev.chatgopher.app;

import dev.chatgopher.persistence.jooq.PostgresSchema;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The delivery guarantees on a real PostgreSQL server, in a schema of its own. */
class PostgresDeliveryIT extends DeliveryContract {

    @RegisterExtension
    static final PostgresSchema POSTGRES = new PostgresSchema();

    @Override
    protected Map<String, String> databaseEnvironment() {
        return Map.of("DB_URL", POSTGRES.jdbcUrl());
    }
}
