package dev.chatgopher.domain.model;

import java.util.regex.Pattern;

/**
 * The name of a conversation: 1 to 64 characters of {@code a-z}, {@code 0-9}, {@code .}, {@code _} and {@code -},
 * starting with a letter or a digit. A room exists once a message was sent to it; there is no create step.
 */
public record RoomId(String value) implements Comparable<RoomId> {

    public static final int MAX_LENGTH = 64;
    public static final String RULE = "a room is 1 to " + MAX_LENGTH
            + " characters of a-z, 0-9, '.', '_' and '-', starting with a letter or a digit";
    // Before GENERAL: static fields are set in order, and GENERAL is checked against it.
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");
    /** The room of the original contract's endpoints unless {@code chat.rooms.default} names another. */
    public static final RoomId GENERAL = new RoomId("general");

    public RoomId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException(RULE + ", got " + quoted(value));
        }
    }

    public static RoomId of(String value) {
        return new RoomId(value);
    }

    @Override
    public int compareTo(RoomId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    /** Shows at most the first 80 characters of a refused name, so an error answer stays short. */
    private static String quoted(String value) {
        if (value == null) {
            return "nothing";
        }
        return '"' + (value.length() > 80 ? value.substring(0, 80) + "..." : value) + '"';
    }
}
