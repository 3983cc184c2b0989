package dev.chatgopher.domain.model;

import java.util.regex.Pattern;

/**
 * Which rooms to list, most recently active first: at most {@code limit}, only those whose id starts with
 * {@code prefix} (empty for all).
 */
public record RoomListing(String prefix, int limit) {

    public static final int MAX_LIMIT = 1_000;
    public static final int DEFAULT_LIMIT = 50;
    private static final Pattern VALID_PREFIX = Pattern.compile("[a-z0-9._-]{0," + RoomId.MAX_LENGTH + "}");

    public RoomListing {
        if (prefix == null || !VALID_PREFIX.matcher(prefix).matches()) {
            throw new InvalidInputException("prefix must be the start of a room id: up to " + RoomId.MAX_LENGTH
                    + " characters of a-z, 0-9, '.', '_' and '-'");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit must be a whole number from 1 to " + MAX_LIMIT + ", got " + limit);
        }
    }
}
