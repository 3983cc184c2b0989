package dev.chatgopher.transport.auth;

import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.RoomId;
import java.util.Objects;
import java.util.Optional;

/** One entry of a token's rights: an exact room ({@code general}), a prefix ({@code team-*}) or every room ({@code *}). */
public sealed interface RoomPattern {

    /** Whether the room is covered. */
    boolean matches(RoomId room);

    /**
     * The prefix to list the rooms of this pattern that also start with {@code requested}, or empty when none can.
     * For an exact room that is the room's own name: the listing must still drop its longer neighbours.
     */
    Optional<String> listingPrefixWithin(String requested);

    /** Reads a pattern as written in a token; anything else is an {@link InvalidInputException} naming it. */
    static RoomPattern parse(String pattern) {
        if (pattern == null) {
            throw new InvalidInputException("a room pattern must be a string");
        }
        if (pattern.equals("*")) {
            return new AnyRoom();
        }
        if (pattern.endsWith("*")) {
            return new Prefix(pattern.substring(0, pattern.length() - 1));
        }
        try {
            return new Exact(RoomId.of(pattern));
        } catch (InvalidInputException invalid) {
            throw new InvalidInputException("room pattern \"" + shortened(pattern)
                    + "\" is neither a room, a prefix ending in * nor *: " + RoomId.RULE);
        }
    }

    private static String shortened(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "..." : value;
    }

    /** {@code *}: every room, including those that do not exist yet. */
    record AnyRoom() implements RoomPattern {
        @Override
        public boolean matches(RoomId room) {
            return true;
        }

        @Override
        public Optional<String> listingPrefixWithin(String requested) {
            return Optional.of(requested);
        }

        @Override
        public String toString() {
            return "*";
        }
    }

    /** {@code team-*}: every room whose id starts with the prefix. */
    record Prefix(String prefix) implements RoomPattern {
        /** The prefix must itself be a room id: the shortest room it covers is the prefix alone. */
        public Prefix {
            try {
                RoomId.of(prefix);
            } catch (InvalidInputException invalid) {
                throw new InvalidInputException("room pattern \"" + shortened(String.valueOf(prefix))
                        + "*\" must start like a room id: " + RoomId.RULE);
            }
        }

        @Override
        public boolean matches(RoomId room) {
            return room.value().startsWith(prefix);
        }

        @Override
        public Optional<String> listingPrefixWithin(String requested) {
            if (prefix.startsWith(requested)) {
                return Optional.of(prefix);
            }
            return requested.startsWith(prefix) ? Optional.of(requested) : Optional.empty();
        }

        @Override
        public String toString() {
            return prefix + "*";
        }
    }

    /** {@code general}: that room only. */
    record Exact(RoomId room) implements RoomPattern {
        public Exact {
            Objects.requireNonNull(room, "room");
        }

        @Override
        public boolean matches(RoomId other) {
            return room.equals(other);
        }

        @Override
        public Optional<String> listingPrefixWithin(String requested) {
            return room.value().startsWith(requested) ? Optional.of(room.value()) : Optional.empty();
        }

        @Override
        public String toString() {
            return room.value();
        }
    }
}
