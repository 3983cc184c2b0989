package dev.chatgopher.domain.model;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The rooms a reader follows: a named set, or every room ({@code rooms=*}). */
public sealed interface RoomSelection {

    boolean includes(RoomId room);

    /** Every room, including those that do not exist yet. */
    record AllRooms() implements RoomSelection {
        @Override
        public boolean includes(RoomId room) {
            return true;
        }
    }

    /** These rooms only, kept sorted so that two selections of the same rooms are equal and print alike. */
    record Only(SortedSet<RoomId> rooms) implements RoomSelection {
        public Only {
            if (rooms.isEmpty()) {
                throw new InvalidInputException("at least one room is required");
            }
            rooms = Collections.unmodifiableSortedSet(new TreeSet<>(rooms));
        }

        @Override
        public boolean includes(RoomId room) {
            return rooms.contains(room);
        }
    }

    static RoomSelection all() {
        return new AllRooms();
    }

    static RoomSelection only(Set<RoomId> rooms) {
        return new Only(new TreeSet<>(rooms));
    }

    static RoomSelection only(RoomId room) {
        return only(Set.of(room));
    }
}
