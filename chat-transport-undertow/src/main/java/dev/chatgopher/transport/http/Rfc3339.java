package dev.chatgopher.transport.http;

import dev.chatgopher.domain.model.InvalidInputException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/** Reads RFC 3339 timestamps ({@code 2025-02-01T00:00:00Z}, {@code 2025-02-01T03:00:00.5+03:00}) strictly. */
final class Rfc3339 {

    /**
     * Date, 'T', time with seconds, an optional fraction of 1 to 9 digits, and a zone of Z or ±hh:mm. The year is
     * exactly four digits without a sign (RFC 3339's 0000 to 9999): the pattern {@code uuuu} would also read
     * {@code -0001} and {@code +10000}.
     */
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendValue(ChronoField.YEAR, 4)
            .appendPattern("-MM-dd'T'HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private Rfc3339() {}

    /**
     * Parses the query parameter {@code name}. A space is read as '+': an unencoded '+' in a query string
     * arrives decoded as a space ({@code ?from=2025-02-01T03:00:00+03:00}).
     */
    static Instant parse(String name, String value) {
        String candidate = value.replace(' ', '+');
        try {
            return OffsetDateTime.parse(candidate, FORMAT).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name + " must be an RFC 3339 timestamp such as 2025-02-01T00:00:00Z, got '"
                    + ErrorResponses.shortened(value) + "'");
        }
    }
}
