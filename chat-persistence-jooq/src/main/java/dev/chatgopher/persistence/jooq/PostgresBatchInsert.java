package dev.chatgopher.persistence.jooq;

import dev.chatgopher.domain.model.NewMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The new messages of a batch on PostgreSQL, stored by one statement whose text is the same for every batch: the
 * messages travel as four arrays that {@code unnest} turns back into rows. pgjdbc prepares the statement once per connection
 * and PostgreSQL plans it once; nothing is rendered per batch. (Built with jOOQ as a {@code VALUES} list, the
 * statement took most of the writer thread's CPU and was parsed and planned anew for every batch size.)
 *
 * <p>The statement takes the writers' advisory lock before the first id is drawn, adds the batch to the room
 * summaries and, when a channel is given, notifies it with the batch's newest id: all in the one statement, which
 * for a batch without idempotency keys is its own transaction (a batch with keys runs it in the transaction that
 * took the lock to look its keys up).
 */
final class PostgresBatchInsert {

    private static final String INSERT = """
            with inserted as (
                insert into messages (sequence, text, created_at, room, author)
                select batch.sequence, batch.text, cast(? as timestamptz), batch.room, batch.author
                from (select pg_advisory_xact_lock(?)) as writer_lock
                cross join unnest(cast(? as bigint[]), cast(? as varchar[]), cast(? as varchar[]), cast(? as varchar[]))
                    as batch (sequence, text, room, author)
                returning id, room, created_at
            ),
            summary as (
                insert into rooms (room, messages, last_id, last_at)
                select room, count(*), max(id), max(created_at) from inserted group by room
                on conflict (room) do update set
                    messages = rooms.messages + excluded.messages,
                    last_id = greatest(rooms.last_id, excluded.last_id),
                    last_at = case when excluded.last_id > rooms.last_id then excluded.last_at else rooms.last_at end
            )
            """;

    /**
     * The NOTIFY rides in the same statement, so it is sent exactly when the batch commits. A SELECT in a WITH runs
     * only if referenced (and, calling a volatile function, is not inlined): the final select depends on it through
     * an uncorrelated EXISTS, evaluated once.
     */
    private static final String NOTIFYING = INSERT + """
            , notified as (select pg_notify(?, (select max(id) from inserted)::text))
            select id from inserted where exists (select from notified)""";

    private static final String SILENT = INSERT + "select id from inserted";

    private final long writerLock;
    private final String channel;
    private final String sql;

    /** @param channel the channel to notify, or null for none */
    PostgresBatchInsert(long writerLock, String channel) {
        this.writerLock = writerLock;
        this.channel = channel;
        this.sql = channel == null ? SILENT : NOTIFYING;
    }

    /** Inserts the messages in order and answers their ids, the k-th for the k-th message. */
    List<Long> insert(Connection connection, List<NewMessage> fresh, Instant createdAt) throws SQLException {
        int size = fresh.size();
        long[] sequences = new long[size];
        String[] texts = new String[size];
        String[] rooms = new String[size];
        String[] authors = new String[size];
        for (int i = 0; i < size; i++) {
            NewMessage message = fresh.get(i);
            sequences[i] = message.sequence();
            texts[i] = message.text();
            rooms[i] = message.room().value();
            authors[i] = JooqMessageStore.authorName(message);
        }
        List<Long> ids = new ArrayList<>(size);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
            statement.setLong(2, writerLock);
            statement.setObject(3, sequences);
            statement.setObject(4, texts);
            statement.setObject(5, rooms);
            statement.setObject(6, authors);
            if (channel != null) {
                statement.setString(7, channel);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        // Identity values are drawn in row order, and unnest yields the rows in array order; RETURNING order is not
        // promised, so the ids are sorted and the k-th smallest is the k-th message's.
        ids.sort(null);
        return ids;
    }
}
