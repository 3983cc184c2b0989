package dev.chatgopher.persistence.jooq;

import dev.chatgopher.domain.port.out.MessageStore;
import dev.chatgopher.domain.port.out.MessageStoreContract;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqMessageStoreOnPostgresIT extends MessageStoreContract {

    @RegisterExtension
    static final PostgresSchema POSTGRES = PostgresSchema.migrated();

    @Override
    protected MessageStore emptyStore() {
        Tables.clear(DSL.using(POSTGRES.dataSource(), SQLDialect.POSTGRES));
        return new JooqMessageStore(POSTGRES.dataSource(), SQLDialect.POSTGRES);
    }
}
