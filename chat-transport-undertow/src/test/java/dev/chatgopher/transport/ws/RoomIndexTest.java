package dev.chatgopher.transport.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomSelection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Routing of a fan-out's frames by room: who gets what, in which order, and what is shared instead of copied. */
class RoomIndexTest {

    private static final RoomId A = RoomId.of("a");
    private static final RoomId B = RoomId.of("b");
    private static final RoomId C = RoomId.of("c");

    private final RoomIndex<Recorder> index = new RoomIndex<>();

    @Test
    void a_follower_of_one_room_gets_only_that_rooms_frames() {
        Recorder ofA = join(RoomSelection.only(A));
        Recorder ofB = join(RoomSelection.only(B));

        index.deliver(frames(A, 1, B, 2, A, 3, C, 4));

        assertEquals(List.of(1L, 3L), ofA.ids());
        assertEquals(List.of(2L), ofB.ids());
    }

    @Test
    void a_follower_of_several_rooms_gets_them_merged_in_id_order_and_nothing_else() {
        Recorder ofAandC = join(RoomSelection.only(Set.of(A, C)));

        index.deliver(frames(C, 1, A, 2, B, 3, C, 4, A, 5));

        assertEquals(List.of(1L, 2L, 4L, 5L), ofAandC.ids());
        assertEquals(1, ofAandC.deliveries.size(), "one hand-over per fan-out");
    }

    @Test
    void a_follower_of_every_room_gets_every_frame_and_the_fan_outs_own_list() {
        Recorder everything = join(RoomSelection.all());
        List<OutboundFrame> frames = frames(A, 1, B, 2, C, 3);

        index.deliver(frames);

        assertSame(frames, everything.deliveries.getFirst());
    }

    @Test
    void when_the_frames_are_all_of_one_room_its_followers_share_the_fan_outs_list_without_a_copy() {
        Recorder first = join(RoomSelection.only(A));
        Recorder second = join(RoomSelection.only(A));
        Recorder ofSeveral = join(RoomSelection.only(Set.of(A, B)));
        List<OutboundFrame> frames = frames(A, 1, A, 2, A, 3);

        index.deliver(frames);

        assertSame(frames, first.deliveries.getFirst());
        assertSame(frames, second.deliveries.getFirst());
        assertSame(frames, ofSeveral.deliveries.getFirst(), "only one of its rooms had frames: nothing to merge");
    }

    @Test
    void followers_of_a_room_with_frames_share_one_list_for_it() {
        Recorder first = join(RoomSelection.only(B));
        Recorder second = join(RoomSelection.only(B));

        index.deliver(frames(A, 1, B, 2, B, 3));

        assertSame(first.deliveries.getFirst(), second.deliveries.getFirst());
        assertEquals(List.of(2L, 3L), second.ids());
    }

    @Test
    void a_follower_that_left_gets_nothing_and_a_room_nobody_follows_is_forgotten() {
        Recorder leaving = join(RoomSelection.only(Set.of(A, B)));
        Recorder staying = join(RoomSelection.only(B));
        assertEquals(2, index.followedRooms());

        index.remove(leaving);
        index.deliver(frames(A, 1, B, 2));

        assertEquals(List.of(), leaving.ids());
        assertEquals(List.of(2L), staying.ids());
        assertEquals(1, index.followedRooms());
    }

    @Test
    void a_fan_out_to_rooms_nobody_follows_reaches_nobody() {
        Recorder ofA = join(RoomSelection.only(A));

        index.deliver(frames(B, 1, C, 2));

        assertEquals(List.of(), ofA.deliveries);
    }

    private Recorder join(RoomSelection rooms) {
        Recorder recorder = new Recorder(rooms);
        index.add(recorder);
        return recorder;
    }

    /** Frames from pairs of room and id. */
    private static List<OutboundFrame> frames(Object... roomsAndIds) {
        List<OutboundFrame> frames = new ArrayList<>();
        for (int i = 0; i < roomsAndIds.length; i += 2) {
            RoomId room = (RoomId) roomsAndIds[i];
            long id = ((Number) roomsAndIds[i + 1]).longValue();
            Message message = new Message(id, room, null, 0, "m" + id, Instant.EPOCH);
            frames.add(OutboundFrame.live(message, new byte[] {'{', '}'}, 1));
        }
        return frames;
    }

    private static final class Recorder implements RoomIndex.Follower {
        private final RoomSelection rooms;
        private final boolean oneRoom;
        final List<List<OutboundFrame>> deliveries = new ArrayList<>();

        Recorder(RoomSelection rooms) {
            this.rooms = rooms;
            this.oneRoom =
                    rooms instanceof RoomSelection.Only only && only.rooms().size() == 1;
        }

        @Override
        public RoomSelection rooms() {
            return rooms;
        }

        @Override
        public boolean followsOneRoom() {
            return oneRoom;
        }

        @Override
        public void deliver(List<OutboundFrame> frames) {
            deliveries.add(frames);
        }

        List<Long> ids() {
            return deliveries.stream()
                    .flatMap(List::stream)
                    .map(OutboundFrame::messageId)
                    .toList();
        }
    }
}
