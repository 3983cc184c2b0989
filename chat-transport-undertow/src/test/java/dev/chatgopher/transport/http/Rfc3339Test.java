package dev.chatgopher.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chatgopher.domain.model.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2025-02-01T12:00:00Z,                 2025-02-01T12:00:00Z",
        "2025-02-01t12:00:00z,                 2025-02-01T12:00:00Z",
        "2025-02-01T15:00:00+03:00,            2025-02-01T12:00:00Z",
        "2025-02-01T15:00:00 03:00,            2025-02-01T12:00:00Z",
        "2025-02-01T07:00:00-05:00,            2025-02-01T12:00:00Z",
        "2025-02-01T12:00:00-00:00,            2025-02-01T12:00:00Z",
        "2025-02-01T12:00:00.5Z,               2025-02-01T12:00:00.500Z",
        "2025-02-01T12:00:00.123456789Z,       2025-02-01T12:00:00.123456789Z",
        "2024-02-29T23:59:59Z,                 2024-02-29T23:59:59Z",
        "0000-01-01T00:00:00Z,                 0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z,       9999-12-31T23:59:59.999999999Z",
    })
    void reads_rfc3339_timestamps(String text, String expected) {
        assertEquals(Instant.parse(expected), Rfc3339.parse("from", text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-02-01",
                "2025-02-01T12:00:00",
                "2025-02-01T12:00Z",
                "2025-02-01 12:00:00Z",
                "2025-02-01T12:00:00+0300",
                "2025-02-01T12:00:00.Z",
                "2025-02-01T12:00:00.1234567890Z",
                "2025-02-29T12:00:00Z",
                "2025-02-01T24:00:00Z",
                "2025-02-01T12:00:60Z",
                "1738411200",
                "-0001-01-01T00:00:00Z",
                "+2025-02-01T12:00:00Z",
                "+10000-01-01T00:00:00Z",
                "10000-01-01T00:00:00Z",
                "025-02-01T12:00:00Z",
                "\u0662\u0660\u0662\u0665-02-01T12:00:00Z",
                "",
            })
    void refuses_anything_else(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Rfc3339.parse("to", text));
        assertEquals(
                "to must be an RFC 3339 timestamp such as 2025-02-01T00:00:00Z, got '" + text + "'", e.getMessage());
    }
}
