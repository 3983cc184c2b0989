package dev.chatgopher.persistence.jooq;

import static dev.chatgopher.persistence.jooq.generated.Tables.MESSAGES;

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
        DSL.using(dataSource, SQLDialect.POSTGRES).truncate(MESSAGES).execute();
        return new JooqMessageStore(dataSource, SQLDialect.POSTGRES);
    }
}
