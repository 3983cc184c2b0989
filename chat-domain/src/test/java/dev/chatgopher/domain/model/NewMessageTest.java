package dev.chatgopher.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NewMessageTest {

    @Test
    void keeps_sequence_and_text_as_given() {
        NewMessage message = new NewMessage(RoomId.GENERAL, null, -7, "  Hello, World!  ");

        assertEquals(-7, message.sequence());
        assertEquals("  Hello, World!  ", message.text());
    }

    @Test
    void rejects_missing_text() {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> new NewMessage(RoomId.GENERAL, null, 1, null));
        assertEquals("text is required", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "\t\n",
                "\u2003 \r\n",
                "\u00A0\u00A0",
                "\u202F",
                "\u2007 \u00A0",
                "\u0085",
                "\u3000\u205F\u1680",
                "\u2028\u2029",
                "\u200B\u200C\u200D",
                "\uFEFF",
                "\u2060\u00AD",
                "\u3164\uFFA0",
                "\uFE0F ",
                "\uDB40\uDC20",
            })
    void rejects_text_with_nothing_to_see(String blank) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> new NewMessage(RoomId.GENERAL, null, 1, blank));
        assertEquals("text must not be blank", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00A0a\u00A0", "\u200Bx", "\u3164\u1100", ".", "\uD83D\uDE00"})
    void keeps_text_with_something_to_see(String text) {
        assertEquals(text, new NewMessage(RoomId.GENERAL, null, 1, text).text());
    }

    @Test
    void rejects_nul_character() {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> new NewMessage(RoomId.GENERAL, null, 1, "a\u0000b"));
        assertEquals("text must not contain NUL characters", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "a\uDC00", "\uDC00\uD800", "ok\uD83D", "\uD83D x"})
    void rejects_lone_surrogates(String text) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> new NewMessage(RoomId.GENERAL, null, 1, text));
        assertEquals(true, e.getMessage().startsWith("text is not valid Unicode: lone surrogate"), e.getMessage());
    }

    @Test
    void counts_code_points_not_utf16_units_or_bytes() {
        assertEquals(1, new NewMessage(RoomId.GENERAL, null, 0, "\uD83D\uDE00").codePointLength());
        assertEquals(65, new NewMessage(RoomId.GENERAL, null, 0, "Ж".repeat(65)).codePointLength());
        assertEquals(3, new NewMessage(RoomId.GENERAL, null, 0, "a\uD83D\uDE00b").codePointLength());
    }
}
