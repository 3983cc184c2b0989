package dev.chatgopher.persistence.jooq;

import dev.chatgopher.domain.port.out.MessageStore;
import dev.chatgopher.domain.port.out.MessageStoreContract;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class JooqMessageStoreOnPostgresIT extends MessageStoreContract {

    private static TestPostgres.Schema schema;
    private static DataSource dataSource;

    @BeforeAll
    static void migrate() {
        schema = TestPostgres.newSchema();
        dataSource = schema.dataSource();
        DatabaseMigrations.migrate(dataSource);
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            schema.close();
        }
    }

    @Override
    protected MessageStore emptyStore() {
        Tables.clear(DSL.using(dataSource, SQLDialect.POSTGRES));
        return new JooqMessageStore(dataSource, SQLDialect.POSTGRES);
    }
}
