package dev.chatgopher.persistence.jooq.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Anyone may NOTIFY on the channel: only a plain id is taken as one, anything else just asks for a read. */
class NotificationPayloadTest {

    @Test
    void a_payload_with_an_id_names_it() {
        assertEquals(42, NotificationListener.idOf("42"));
        assertEquals(42, NotificationListener.idOf(" 42\n"));
    }

    @Test
    void a_payload_that_is_not_an_id_asks_for_a_read() {
        assertEquals(NotificationListener.UNKNOWN_ID, NotificationListener.idOf(""));
        assertEquals(NotificationListener.UNKNOWN_ID, NotificationListener.idOf("hello"));
        assertEquals(NotificationListener.UNKNOWN_ID, NotificationListener.idOf("99999999999999999999999"));
        assertEquals(NotificationListener.UNKNOWN_ID, NotificationListener.idOf(null));
    }
}
