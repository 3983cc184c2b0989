package dev.chatgopher.persistence.jooq;

import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.port.out.MessageStore;
import dev.chatgopher.domain.port.out.MessageStoreContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class JooqMessageStoreOnH2IT extends MessageStoreContract {

    @TempDir
    static Path directory;

    private static JdbcDataSource dataSource;
    /** Without a pool, H2 would close and reopen the file around every statement. */
    private static Connection keepOpen;

    @BeforeAll
    static void migrate() throws SQLException {
        dataSource = new JdbcDataSource();
        dataSource.setURL(EmbeddedH2.jdbcUrl(directory));
        keepOpen = dataSource.getConnection();
        DatabaseMigrations.migrate(dataSource, RoomId.GENERAL);
    }

    @AfterAll
    static void close() throws SQLException {
        keepOpen.close();
    }

    @Override
    protected MessageStore emptyStore() {
        Tables.clear(DSL.using(dataSource, SQLDialect.H2));
        return new JooqMessageStore(dataSource, SQLDialect.H2);
    }
}
