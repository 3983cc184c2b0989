package dev.chatgopher.transport.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chatgopher.domain.model.Author;
import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SendRequestParserTest {

    private static final RoomId ROOM = RoomId.of("lobby");

    @Test
    void reads_sequence_and_text_for_the_room_of_the_path() {
        assertEquals(new NewMessage(ROOM, null, 42, "hi"), parse("{\"sequence\": 42, \"text\": \"hi\"}"));
    }

    @Test
    void reads_an_optional_author_null_being_none() {
        assertEquals(
                new Author("alice"),
                parse("{\"text\": \"hi\", \"author\": \"alice\"}").author());
        assertEquals(null, parse("{\"text\": \"hi\", \"author\": null}").author());
    }

    @Test
    void a_room_in_a_post_body_is_ignored_like_any_unknown_field_the_path_names_the_room() {
        assertEquals(ROOM, parse("{\"text\": \"hi\", \"room\": \"elsewhere\"}").room());
        assertEquals(ROOM, parse("{\"text\": \"hi\", \"room\": 5}").room());
    }

    @Test
    void a_frame_names_its_room_or_goes_to_the_one_room_the_connection_follows() {
        assertEquals(
                RoomId.of("b"),
                SendRequestParser.parseFrame("{\"room\": \"b\", \"text\": \"hi\"}", ROOM)
                        .room());
        assertEquals(
                ROOM, SendRequestParser.parseFrame("{\"text\": \"hi\"}", ROOM).room());
        assertEquals(
                ROOM,
                SendRequestParser.parseFrame("{\"room\": null, \"text\": \"hi\"}", ROOM)
                        .room());
    }

    @Test
    void a_frame_without_room_on_a_connection_of_several_rooms_is_refused() {
        assertEquals(
                "room is required: this connection follows more than one room, so name the room to send to",
                refusal(() -> SendRequestParser.parseFrame("{\"text\": \"hi\"}", null)));
    }

    @Test
    void a_frame_with_a_bad_room_is_refused_with_the_rule() {
        assertEquals("room must be a string", refusal(() -> SendRequestParser.parseFrame("{\"room\": 1}", ROOM)));
        assertEquals(
                RoomId.RULE + ", got \"Big Room\"",
                refusal(() -> SendRequestParser.parseFrame("{\"room\": \"Big Room\", \"text\": \"x\"}", ROOM)));
    }

    @Test
    void a_bad_author_is_refused() {
        assertEquals("author must be a string", refusal(() -> parse("{\"text\": \"x\", \"author\": []}")));
        assertEquals(
                Author.RULE + ", got 65 characters",
                refusal(() -> parse("{\"text\": \"x\", \"author\": \"" + "a".repeat(65) + "\"}")));
    }

    @Test
    void field_order_does_not_matter_and_nested_unknown_fields_are_skipped() {
        assertEquals(
                new NewMessage(ROOM, null, 7, "x"),
                parse("{\"meta\": {\"sequence\": 99, \"text\": \"no\"}, \"text\": \"x\", \"sequence\": 7}"));
    }

    @Test
    void decodes_escapes_into_the_text() {
        assertEquals(
                "line\nquote\" emoji \uD83D\uDE00",
                parse("{\"text\": \"line\\nquote\\\" emoji \\ud83d\\ude00\"}").text());
    }

    @Test
    void tolerates_a_utf8_byte_order_mark() {
        byte[] withBom = ("\uFEFF{\"text\": \"bom\"}").getBytes(StandardCharsets.UTF_8);

        assertEquals("bom", SendRequestParser.parse(withBom, ROOM).text());
    }

    @Test
    void refuses_invalid_utf8_bytes() {
        byte[] overlong = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};

        assertEquals("request body is not valid UTF-8", refusal(() -> SendRequestParser.parse(overlong, ROOM)));
    }

    @Test
    void refuses_negative_zero_fraction_but_accepts_negative_integers() {
        assertEquals(-5, parse("{\"sequence\": -5, \"text\": \"a\"}").sequence());
        assertThrows(InvalidInputException.class, () -> parse("{\"sequence\": -0.0, \"text\": \"a\"}"));
    }

    private static NewMessage parse(String json) {
        return SendRequestParser.parse(json.getBytes(StandardCharsets.UTF_8), ROOM);
    }

    private static String refusal(org.junit.jupiter.api.function.Executable parse) {
        return assertThrows(InvalidInputException.class, parse).getMessage();
    }
}
