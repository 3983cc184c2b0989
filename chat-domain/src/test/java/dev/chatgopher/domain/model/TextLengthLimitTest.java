package dev.chatgopher.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextLengthLimitTest {

    @Test
    void default_limit_is_128_code_points() {
        assertEquals(128, TextLengthLimit.DEFAULT.maxCodePoints());
    }

    @Test
    void accepts_text_of_exactly_the_limit_in_any_script() {
        NewMessage cyrillic = new NewMessage(RoomId.GENERAL, null, 0, "Ж".repeat(128));
        NewMessage emoji = new NewMessage(RoomId.GENERAL, null, 0, "\uD83D\uDE00".repeat(128));

        assertSame(cyrillic, TextLengthLimit.DEFAULT.check(cyrillic));
        assertSame(emoji, TextLengthLimit.DEFAULT.check(emoji));
    }

    @Test
    void rejects_text_longer_than_limit() {
        NewMessage tooLong = new NewMessage(RoomId.GENERAL, null, 0, "Ж".repeat(129));

        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> TextLengthLimit.DEFAULT.check(tooLong));
        assertEquals("text must be 1 to 128 characters long, got 129", e.getMessage());
    }

    @Test
    void honours_a_configured_limit() {
        TextLengthLimit five = new TextLengthLimit(5);

        five.check(new NewMessage(RoomId.GENERAL, null, 0, "12345"));
        assertThrows(InvalidInputException.class, () -> five.check(new NewMessage(RoomId.GENERAL, null, 0, "123456")));
    }

    @Test
    void refuses_a_limit_below_one() {
        assertThrows(IllegalArgumentException.class, () -> new TextLengthLimit(0));
    }
}
