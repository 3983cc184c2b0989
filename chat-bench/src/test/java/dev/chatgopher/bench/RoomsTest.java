package dev.chatgopher.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoomsTest {

    @Test
    void one_room_is_the_default_room_through_the_original_endpoints() {
        Rooms one = new Rooms(1);

        assertEquals("/api/messages", one.postPath(0));
        assertEquals("/ws", one.webSocketPath(one.followedBy(7, 1)));
        assertEquals(0, one.indexOf("{\"id\":1,\"room\":\"general\",\"sequence\":1}"));
    }

    @Test
    void rooms_are_named_from_room_0001_and_followed_through_the_query() {
        Rooms rooms = new Rooms(3);

        assertEquals("room-0001", rooms.name(0));
        assertEquals("/api/rooms/room-0003/messages", rooms.postPath(2));
        assertEquals("/ws?rooms=room-0003,room-0001", rooms.webSocketPath(new int[] {2, 0}));
        assertEquals("room-10000", new Rooms(10_000).name(9_999));
    }

    @Test
    void a_frame_names_its_room_or_none_of_ours() {
        Rooms rooms = new Rooms(20);

        assertEquals(11, rooms.indexOf("{\"id\":5,\"room\":\"room-0012\",\"author\":null}"));
        assertEquals(-1, rooms.indexOf("{\"id\":5,\"room\":\"room-0021\"}"));
        assertEquals(-1, rooms.indexOf("{\"id\":5,\"room\":\"room-012\"}"));
        assertEquals(-1, rooms.indexOf("{\"id\":5,\"room\":\"general\"}"));
        assertEquals(-1, rooms.indexOf("{\"id\":5}"));
    }

    @Test
    void subscribers_cover_the_rooms_evenly_with_distinct_rooms_each() {
        Rooms rooms = new Rooms(7);
        int[] perRoom = new int[7];
        for (int subscriber = 0; subscriber < 10; subscriber++) {
            int[] followed = rooms.followedBy(subscriber, 3);
            Set<Integer> distinct = new HashSet<>();
            Arrays.stream(followed).forEach(distinct::add);
            assertEquals(3, distinct.size(), Arrays.toString(followed));
            Arrays.stream(followed).forEach(room -> perRoom[room]++);
        }

        // 10 subscribers x 3 rooms over 7 rooms: 30 / 7, so 4 or 5 each.
        assertTrue(Arrays.stream(perRoom).allMatch(n -> n == 4 || n == 5), Arrays.toString(perRoom));
        assertArrayEquals(new int[] {0, 1, 2}, rooms.followedBy(0, 3));
        assertThrows(IllegalArgumentException.class, () -> rooms.followedBy(0, 8));
        assertThrows(IllegalArgumentException.class, () -> new Rooms(0));
    }

    @Test
    void checksums_of_different_sets_differ() {
        long oneToThree =
                OrderedSubscriber.checksumOf(1) + OrderedSubscriber.checksumOf(2) + OrderedSubscriber.checksumOf(3);
        long oneTwoFour =
                OrderedSubscriber.checksumOf(1) + OrderedSubscriber.checksumOf(2) + OrderedSubscriber.checksumOf(4);

        assertTrue(oneToThree != oneTwoFour);
    }
}
