package dev.chatgopher.persistence.jooq;

import static dev.chatgopher.persistence.jooq.generated.Tables.IDEMPOTENCY_KEYS;
import static dev.chatgopher.persistence.jooq.generated.Tables.MESSAGES;
import static dev.chatgopher.persistence.jooq.generated.Tables.ROOMS;

import org.jooq.DSLContext;

/** Test helper: empties every table, children first. */
final class Tables {

    private Tables() {}

    static void clear(DSLContext sql) {
        sql.deleteFrom(IDEMPOTENCY_KEYS).execute();
        sql.deleteFrom(MESSAGES).execute();
        sql.deleteFrom(ROOMS).execute();
    }
}
