package dev.chatgopher.transport.json;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** How the API writes a time: RFC 3339 in UTC with a Z, the fraction only as long as it needs (0, 3 or 6 digits). */
final class Rfc3339Json {

    private Rfc3339Json() {}

    static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
