package dev.chatgopher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void reads_the_units_people_type() {
        assertEquals(Duration.ofMillis(500), DurationText.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), DurationText.parse("30s"));
        assertEquals(Duration.ofMinutes(2), DurationText.parse("2m"));
        assertEquals(Duration.ofHours(1), DurationText.parse("1h"));
    }

    @Test
    void writes_the_largest_whole_unit() {
        assertEquals("90s", DurationText.format(Duration.ofSeconds(90)));
        assertEquals("2m", DurationText.format(Duration.ofMinutes(2)));
        assertEquals("1500ms", DurationText.format(Duration.ofMillis(1500)));
    }

    @Test
    void refuses_anything_else() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationText.parse("PT5S"));
        assertEquals("'PT5S' is not a duration like 500ms, 30s, 2m or 1h", e.getMessage());
    }
}
