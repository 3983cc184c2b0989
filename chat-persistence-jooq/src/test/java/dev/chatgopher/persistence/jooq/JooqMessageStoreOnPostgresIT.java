package dev.chatgopher.persistence.jooq;

import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.port.out.MessageStore;
import dev.chatgopher.domain.port.out.MessageStoreContract;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqMessageStoreOnPostgresIT extends MessageStoreContract {

    @RegisterExtension
    static final PostgresSchema POSTGRES = new PostgresSchema();

    @BeforeAll
    static void migrate() {
        DatabaseMigrations.migrate(POSTGRES.dataSource(), RoomId.GENERAL);
    }

    @Override
    protected MessageStore emptyStore() {
        Tables.clear(DSL.using(POSTGRES.dataSource(), SQLDialect.POSTGRES));
        return new JooqMessageStore(POSTGRES.dataSource(), SQLDialect.POSTGRES);
    }
}
