package dev.chatgopher.transport.ws;

import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomSelection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Who follows which room: a set of followers per room, and one set for those that follow every room. Handing
 * out a fan-out's frames visits only the followers of the rooms the frames are in, never every follower. A
 * follower of one room is handed that room's frame list itself, not a copy (when the frames are all of one
 * room, that is the fan-out's own list); a follower of several rooms gets its rooms' frames merged into one list
 * in id order. Followers join and leave from any thread; {@link #deliver} runs on one thread at a time.
 */
final class RoomIndex<F extends RoomIndex.Follower> {

    /** A receiver of message frames, for the rooms it follows. */
    interface Follower {

        RoomSelection rooms();

        /** Whether {@link #rooms()} names exactly one room; asked on every fan-out, so keep it a field. */
        boolean followsOneRoom();

        /** Frames of the follower's rooms, in increasing id order; the list may be shared, so never change it. */
        void deliver(List<OutboundFrame> frames);
    }

    private final ConcurrentMap<RoomId, Set<F>> byRoom = new ConcurrentHashMap<>();
    private final Set<F> ofEveryRoom = ConcurrentHashMap.newKeySet();

    void add(F follower) {
        switch (follower.rooms()) {
            case RoomSelection.AllRooms every -> ofEveryRoom.add(follower);
            case RoomSelection.Only only -> {
                for (RoomId room : only.rooms()) {
                    // compute, not get-then-add: a concurrent removal of the room's last follower cannot drop it
                    byRoom.compute(room, (key, followers) -> {
                        Set<F> set = followers != null ? followers : ConcurrentHashMap.newKeySet();
                        set.add(follower);
                        return set;
                    });
                }
            }
        }
    }

    void remove(F follower) {
        switch (follower.rooms()) {
            case RoomSelection.AllRooms every -> ofEveryRoom.remove(follower);
            case RoomSelection.Only only -> {
                for (RoomId room : only.rooms()) {
                    byRoom.computeIfPresent(room, (key, followers) -> {
                        followers.remove(follower);
                        return followers.isEmpty() ? null : followers;
                    });
                }
            }
        }
    }

    /** Rooms with at least one follower by name; a room nobody follows any more is forgotten. */
    int followedRooms() {
        return byRoom.size();
    }

    /** Hands each follower the frames of its rooms; {@code frames} are message frames in increasing id order. */
    void deliver(List<OutboundFrame> frames) {
        if (frames.isEmpty()) {
            return;
        }
        for (F follower : ofEveryRoom) {
            follower.deliver(frames);
        }
        if (byRoom.isEmpty()) {
            return;
        }
        Map<F, Merged> ofSeveralRooms = null;
        for (Map.Entry<RoomId, List<OutboundFrame>> room : byRoom(frames).entrySet()) {
            Set<F> followers = byRoom.get(room.getKey());
            if (followers == null) {
                continue;
            }
            for (F follower : followers) {
                if (follower.followsOneRoom()) {
                    follower.deliver(room.getValue());
                } else {
                    if (ofSeveralRooms == null) {
                        ofSeveralRooms = new IdentityHashMap<>();
                    }
                    ofSeveralRooms
                            .computeIfAbsent(follower, key -> new Merged())
                            .add(room.getValue());
                }
            }
        }
        if (ofSeveralRooms != null) {
            ofSeveralRooms.forEach((follower, merged) -> follower.deliver(merged.inIdOrder()));
        }
    }

    /** The frames by room, each room's in id order; frames all of one room stay the one list they came in. */
    private static Map<RoomId, List<OutboundFrame>> byRoom(List<OutboundFrame> frames) {
        RoomId first = frames.getFirst().room();
        int i = 1;
        while (i < frames.size() && frames.get(i).room().equals(first)) {
            i++;
        }
        if (i == frames.size()) {
            return Map.of(first, frames);
        }
        Map<RoomId, List<OutboundFrame>> byRoom = new HashMap<>();
        byRoom.put(first, new ArrayList<>(frames.subList(0, i)));
        for (; i < frames.size(); i++) {
            OutboundFrame frame = frames.get(i);
            byRoom.computeIfAbsent(frame.room(), room -> new ArrayList<>()).add(frame);
        }
        return byRoom;
    }

    /** The frames of one follower's rooms in one fan-out: a room's own list while only one room has any. */
    private static final class Merged {
        private List<OutboundFrame> first;
        private List<OutboundFrame> all;

        void add(List<OutboundFrame> roomFrames) {
            if (first == null) {
                first = roomFrames;
                return;
            }
            if (all == null) {
                all = new ArrayList<>(first);
            }
            all.addAll(roomFrames);
        }

        List<OutboundFrame> inIdOrder() {
            if (all == null) {
                return first;
            }
            // Each room's frames are in id order already: the sort merges a few sorted runs, in linear time.
            all.sort(Comparator.comparingLong(OutboundFrame::messageId));
            return all;
        }
    }
}
