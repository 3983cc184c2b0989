package dev.chatgopher.app;

import dev.chatgopher.persistence.jooq.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresDeliveryIT extends DeliveryContract {

    private static TestPostgres.Schema schema;

    @BeforeAll
    static void createSchema() {
        schema = TestPostgres.newSchema();
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            schema.close();
        }
    }

    @Override
    protected Map<String, String> databaseEnvironment() {
        return Map.of("DB_URL", schema.jdbcUrl());
    }
}
