package dev.chatgopher.persistence.jooq.feed;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.port.out.Appended;
import dev.chatgopher.domain.port.out.MessageFeed;
import dev.chatgopher.domain.port.out.MessageFeedContract;
import dev.chatgopher.domain.port.out.Submission;
import dev.chatgopher.persistence.jooq.JooqMessageStore;
import dev.chatgopher.persistence.jooq.PostgresSchema;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The feed contract on one node of the PostgreSQL feed, its commits notifying as the writer's do. */
class PostgresMessageFeedIT extends MessageFeedContract {

    @RegisterExtension
    static final PostgresSchema POSTGRES = PostgresSchema.migrated();

    private static JooqMessageStore store;
    private static FeedChannel channel;
    private PostgresMessageFeed started;

    @BeforeAll
    static void channelOfTheSchema() {
        channel = FeedChannel.ofCurrentSchema(POSTGRES.dataSource());
        store = new JooqMessageStore(POSTGRES.dataSource(), SQLDialect.POSTGRES, channel.name());
    }

    @Override
    protected MessageFeed newFeed() {
        started = PostgresMessageFeed.start(store, channel, () -> DriverManager.getConnection(POSTGRES.jdbcUrl()));
        return started;
    }

    @Override
    protected List<Message> commit(List<NewMessage> batch) {
        return store.append(batch.stream().map(Submission::of).toList(), Instant.now()).stream()
                .map(Appended::message)
                .toList();
    }

    @AfterEach
    void closeFeed() {
        started.close();
    }
}
