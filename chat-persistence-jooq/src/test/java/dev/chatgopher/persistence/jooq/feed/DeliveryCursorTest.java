package dev.chatgopher.persistence.jooq.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.RoomId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DeliveryCursorTest {

    private final DeliveryCursor cursor = new DeliveryCursor(10);
    private final List<Long> delivered = new ArrayList<>();

    DeliveryCursorTest() {
        cursor.subscribe(batch -> batch.forEach(message -> delivered.add(message.id())));
    }

    @Test
    void a_batch_that_follows_the_last_delivered_id_is_delivered_at_once() {
        assertTrue(cursor.deliverIfNext(messages(11, 13)));

        assertEquals(List.of(11L, 12L, 13L), delivered);
        assertEquals(13, cursor.lastDelivered());
    }

    @Test
    void a_batch_after_a_gap_is_left_for_a_catch_up_read() {
        assertFalse(cursor.deliverIfNext(messages(12, 13)));

        assertEquals(List.of(), delivered);
        assertEquals(10, cursor.lastDelivered());
    }

    @Test
    void a_batch_a_catch_up_already_delivered_is_not_delivered_again() {
        cursor.deliverNewer(messages(11, 15));

        assertTrue(cursor.deliverIfNext(messages(13, 15)));
        assertEquals(List.of(11L, 12L, 13L, 14L, 15L), delivered);
    }

    @Test
    void a_batch_a_catch_up_delivered_in_part_is_left_for_the_next_read() {
        cursor.deliverNewer(messages(11, 12));

        assertFalse(cursor.deliverIfNext(messages(12, 14)));
        assertEquals(List.of(11L, 12L), delivered);
    }

    @Test
    void a_catch_up_page_delivers_only_what_is_newer_than_the_last_delivered_id() {
        cursor.deliverIfNext(messages(11, 12));

        cursor.deliverNewer(messages(9, 14));
        cursor.deliverNewer(messages(13, 14));

        assertEquals(List.of(11L, 12L, 13L, 14L), delivered);
        assertEquals(14, cursor.lastDelivered());
    }

    @Test
    void a_failing_listener_does_not_stop_the_cursor() {
        cursor.subscribe(batch -> {
            throw new IllegalStateException("listener bug");
        });

        cursor.deliverNewer(messages(11, 11));

        assertEquals(List.of(11L), delivered);
        assertEquals(11, cursor.lastDelivered());
    }

    private static List<Message> messages(long first, long last) {
        return LongStream.rangeClosed(first, last)
                .mapToObj(id -> new Message(id, RoomId.GENERAL, null, id, "message " + id, Instant.EPOCH))
                .toList();
    }
}
