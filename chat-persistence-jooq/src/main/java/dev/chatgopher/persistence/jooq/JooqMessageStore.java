package dev.chatgopher.persistence.jooq;

import static dev.chatgopher.persistence.jooq.generated.Tables.MESSAGES;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.MessageSink;
import dev.chatgopher.domain.port.out.MessageStore;
import dev.chatgopher.domain.port.out.StoreUnavailableException;
import dev.chatgopher.persistence.jooq.generated.tables.records.MessagesRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep3;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** The {@link MessageStore} on PostgreSQL or H2, through jOOQ. */
public final class JooqMessageStore implements MessageStore {

    /** Rows fetched per round trip when streaming history; pgjdbc streams only with autocommit off and a fetch size. */
    private static final int HISTORY_FETCH_SIZE = 1_000;

    private final DSLContext dsl;

    public JooqMessageStore(DataSource dataSource, SQLDialect dialect) {
        this.dsl = DSL.using(dataSource, dialect, new Settings().withExecuteLogging(false));
    }

    @Override
    public List<Message> append(List<NewMessage> batch, Instant createdAt) {
        if (batch.isEmpty()) {
            return List.of();
        }
        return translatingErrors(() -> dsl.transactionResult(tx -> {
            InsertValuesStep3<MessagesRecord, Long, String, Instant> insert =
                    tx.dsl().insertInto(MESSAGES, MESSAGES.SEQUENCE, MESSAGES.TEXT, MESSAGES.CREATED_AT);
            for (NewMessage message : batch) {
                insert = insert.values(message.sequence(), message.text(), createdAt);
            }
            // Identity values are drawn in VALUES order; RETURNING order is not promised, so sort by id.
            return insert.returning().fetch().stream()
                    .map(JooqMessageStore::toMessage)
                    .sorted(Comparator.comparingLong(Message::id))
                    .toList();
        }));
    }

    @Override
    public void readRange(TimeRange range, MessageSink sink) throws IOException {
        // Stored times have microsecond precision: round the ends inwards so that nanoseconds in the request
        // are honoured instead of being rounded by the driver.
        Instant from = ceilToMicros(range.from());
        Instant to = range.to().truncatedTo(ChronoUnit.MICROS);
        if (from.isAfter(to)) {
            return;
        }
        try {
            translatingErrors(() -> {
                dsl.transaction(tx -> {
                    try (Cursor<MessagesRecord> cursor = tx.dsl()
                            .selectFrom(MESSAGES)
                            .where(MESSAGES.CREATED_AT.between(from, to))
                            .orderBy(MESSAGES.CREATED_AT, MESSAGES.ID)
                            .fetchSize(HISTORY_FETCH_SIZE)
                            .fetchLazy()) {
                        for (MessagesRecord row : cursor) {
                            try {
                                sink.accept(toMessage(row));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    }
                });
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static <T> T translatingErrors(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            if (DatabaseErrors.isUnavailable(e)) {
                throw new StoreUnavailableException("the database is unavailable: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static Instant ceilToMicros(Instant instant) {
        Instant floor = instant.truncatedTo(ChronoUnit.MICROS);
        return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.MICROS);
    }

    private static Message toMessage(MessagesRecord row) {
        return new Message(row.getId(), row.getSequence(), row.getText(), row.getCreatedAt());
    }
}
