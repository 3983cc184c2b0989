package dev.chatgopher.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

    private static final Instant FROM = Instant.parse("2025-02-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-02-10T23:59:59Z");

    @Test
    void contains_both_ends_and_what_lies_between() {
        TimeRange range = new TimeRange(FROM, TO);

        assertTrue(range.contains(FROM));
        assertTrue(range.contains(TO));
        assertTrue(range.contains(Instant.parse("2025-02-05T12:00:00Z")));
    }

    @Test
    void excludes_instants_just_outside() {
        TimeRange range = new TimeRange(FROM, TO);

        assertFalse(range.contains(FROM.minusNanos(1000)));
        assertFalse(range.contains(TO.plusNanos(1000)));
    }

    @Test
    void a_single_instant_is_a_valid_range() {
        assertTrue(new TimeRange(FROM, FROM).contains(FROM));
    }

    @Test
    void rejects_from_after_to() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new TimeRange(TO, FROM));
        assertEquals("from must not be after to", e.getMessage());
    }

    @Test
    void rejects_missing_ends() {
        assertEquals(
                "from is required",
                assertThrows(InvalidInputException.class, () -> new TimeRange(null, TO))
                        .getMessage());
        assertEquals(
                "to is required",
                assertThrows(InvalidInputException.class, () -> new TimeRange(FROM, null))
                        .getMessage());
    }
}
