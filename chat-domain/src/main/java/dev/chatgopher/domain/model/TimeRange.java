package dev.chatgopher.domain.model;

import java.time.Instant;

/** A closed time range: both ends are included, and {@code from} is not after {@code to}. */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        if (from == null) {
            throw new InvalidInputException("from is required");
        }
        if (to == null) {
            throw new InvalidInputException("to is required");
        }
        if (from.isAfter(to)) {
            throw new InvalidInputException("from must not be after to");
        }
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && !instant.isAfter(to);
    }
}
