package dev.chatgopher.transport.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.NewMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SendRequestParserTest {

    @Test
    void reads_sequence_and_text() {
        assertEquals(new NewMessage(42, "hi"), SendRequestParser.parse("{\"sequence\": 42, \"text\": \"hi\"}"));
    }

    @Test
    void field_order_does_not_matter_and_nested_unknown_fields_are_skipped() {
        assertEquals(
                new NewMessage(7, "x"),
                SendRequestParser.parse(
                        "{\"meta\": {\"sequence\": 99, \"text\": \"no\"}, \"text\": \"x\", \"sequence\": 7}"));
    }

    @Test
    void decodes_escapes_into_the_text() {
        assertEquals(
                "line\nquote\" emoji \uD83D\uDE00",
                SendRequestParser.parse("{\"text\": \"line\\nquote\\\" emoji \\ud83d\\ude00\"}")
                        .text());
    }

    @Test
    void tolerates_a_utf8_byte_order_mark() {
        byte[] withBom = ("\uFEFF{\"text\": \"bom\"}").getBytes(StandardCharsets.UTF_8);

        assertEquals("bom", SendRequestParser.parse(withBom).text());
    }

    @Test
    void refuses_invalid_utf8_bytes() {
        byte[] overlong = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};

        assertEquals(
                "request body is not valid UTF-8",
                assertThrows(InvalidInputException.class, () -> SendRequestParser.parse(overlong))
                        .getMessage());
    }

    @Test
    void refuses_negative_zero_fraction_but_accepts_negative_integers() {
        assertEquals(
                -5,
                SendRequestParser.parse("{\"sequence\": -5, \"text\": \"a\"}").sequence());
        assertThrows(
                InvalidInputException.class, () -> SendRequestParser.parse("{\"sequence\": -0.0, \"text\": \"a\"}"));
    }
}
