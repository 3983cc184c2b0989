package dev.chatgopher.transport;

import static dev.chatgopher.transport.testing.ClientFrames.CONTINUATION;
import static dev.chatgopher.transport.testing.ClientFrames.TEXT;
import static dev.chatgopher.transport.testing.ClientFrames.concat;
import static dev.chatgopher.transport.testing.ClientFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatgopher.transport.testing.RawWebSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Section 6 of the Autobahn WebSocket test suite's case list (UTF-8 handling; cases named by their Autobahn
 * numbers), written as our own cases against a real server over a plain socket. The bytes under test sit inside
 * the text of a chat message: valid ones are stored as the code points they encode, invalid ones end the session
 * with 1007 and nothing is stored, also when they are cut across fragments or found before the message ends.
 */
class AutobahnUtf8IT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final byte[] BEFORE = "{\"text\": \"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AFTER = "\"}".getBytes(StandardCharsets.UTF_8);

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat();

    @ParameterizedTest(name = "valid: {0}")
    @ValueSource(
            strings = {
                "Hello-µ@ßöäüàá-UTF-8!!", // 6.2.1
                "κόσμε", // 6.5.1
                "\u0080", // 6.7.2: the first two-byte code point
                "\u07FF", // the last two-byte code point
                "\u0800", // 6.7.3: the first three-byte code point
                "\uD7FF", // the last code point before the surrogates
                "\uE000", // the first code point after them
                "\uFFFD", // 6.8: the replacement character itself
                "\uD800\uDC00", // 6.7.4: U+10000, the first four-byte code point
                "\uDBFF\uDFFF", // 6.8.2: U+10FFFF, the last code point
                "\uD834\uDD1E clef", // U+1D11E
            })
    void case_6_2_and_6_5_to_6_8_valid_utf8_is_stored_as_sent(String text) throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(frame(true, TEXT, message(text.getBytes(StandardCharsets.UTF_8))));

            assertEquals(TEXT, client.readFrame(WAIT).opcode());
        }
        assertEquals(List.of(text), chat.storedTexts());
    }

    @ParameterizedTest(name = "valid, one byte per fragment: {0}")
    @ValueSource(strings = {"Hello-µ@ßöäüàá-UTF-8!!", "κόσμε", "\uD834\uDD1E clef", "\uDBFF\uDFFF"})
    void case_6_2_3_and_6_2_4_code_points_cut_across_fragments_are_put_back_together(String text) throws Exception {
        byte[] json = message(text.getBytes(StandardCharsets.UTF_8));
        try (RawWebSocket client = connect()) {
            for (int i = 0; i < json.length; i++) {
                client.send(frame(i == json.length - 1, i == 0 ? TEXT : CONTINUATION, new byte[] {json[i]}));
            }

            assertEquals(TEXT, client.readFrame(WAIT).opcode());
        }
        assertEquals(List.of(text), chat.storedTexts());
    }

    @ParameterizedTest(name = "invalid: {0}")
    @ValueSource(
            strings = {
                "cebae1bdb9cf83cebcceb5eda080656469746564", // 6.3.1: a surrogate inside valid text
                "80", // 6.10.1: a lone continuation byte
                "bf", // 6.10.2
                "80bf80bf", // 6.10.3: continuation bytes only
                "c0af", // 6.9.1: the slash, overlong in two bytes
                "e080af", // 6.9.2: overlong in three
                "f08080af", // 6.9.3: overlong in four
                "c1bf", // 6.20.1: overlong, largest two-byte
                "e09fbf", // 6.20.2: overlong, largest three-byte
                "f08fbfbf", // 6.20.3: overlong, largest four-byte
                "f4908080", // 6.6.11: above U+10FFFF
                "f5808080", // a lead byte that cannot start any code point
                "f888808080", // 6.6.10: five bytes
                "fc8480808080", // six bytes
                "fe", // 6.12.1
                "ff", // 6.12.2
                "c241", // 6.11: a lead byte followed by ASCII
                "e18041", // a three-byte lead cut short by ASCII
                "eda080", // 6.18.1: a high surrogate
                "edbfbf", // 6.18.7: a low surrogate
                "eda080edb080", // 6.19.1: a surrogate pair encoded as two code points (CESU-8)
            })
    void case_6_3_and_6_6_to_6_21_invalid_utf8_is_refused_with_1007(String hex) throws Exception {
        byte[] bytes = HexFormat.of().parseHex(hex);
        try (RawWebSocket client = connect()) {
            client.send(frame(true, TEXT, message(bytes)));

            assertEquals(1007, client.readClose(WAIT).closeCode());
        }
        assertEquals(List.of(), chat.storedTexts());
    }

    @ParameterizedTest(name = "cut short at the end: {0}")
    @ValueSource(strings = {"c2", "e180", "f09080"})
    void case_6_13_a_code_point_cut_short_at_the_end_of_the_message_is_refused_with_1007(String hex) throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(frame(true, TEXT, concat(BEFORE, hex(hex))));

            assertEquals(1007, client.readClose(WAIT).closeCode());
        }
    }

    @Test
    void case_6_4_1_an_invalid_code_point_in_an_unfinished_fragment_is_refused_before_the_message_ends()
            throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(frame(false, TEXT, concat(BEFORE, "κόσμε".getBytes(StandardCharsets.UTF_8), hex("f4908080"))));

            assertEquals(1007, client.readClose(WAIT).closeCode(), "refused without waiting for the last fragment");
        }
        assertEquals(List.of(), chat.storedTexts());
    }

    @Test
    void case_6_4_2_an_invalid_code_point_cut_across_unfinished_fragments_is_refused_before_the_message_ends()
            throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(frame(false, TEXT, concat(BEFORE, "κόσμε".getBytes(StandardCharsets.UTF_8), hex("f4"))));
            client.send(frame(false, CONTINUATION, hex("90")));

            assertEquals(1007, client.readClose(WAIT).closeCode(), "refused without waiting for the last fragment");
        }
        assertEquals(List.of(), chat.storedTexts());
    }

    @Test
    void case_6_4_3_invalid_bytes_written_one_by_one_into_an_unfinished_fragment_are_refused() throws Exception {
        byte[] fragment = frame(false, TEXT, concat(BEFORE, hex("cebae1bdb9cf83cebcceb5f4908080")));
        try (RawWebSocket client = connect()) {
            for (byte b : fragment) {
                client.send(new byte[] {b});
            }

            assertEquals(1007, client.readClose(WAIT).closeCode());
        }
    }

    @Test
    void a_code_point_cut_short_at_the_end_of_a_fragmented_message_is_refused() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(
                    concat(frame(false, TEXT, concat(BEFORE, hex("cebae1"))), frame(true, CONTINUATION, hex("bd"))));

            assertEquals(1007, client.readClose(WAIT).closeCode());
        }
        assertEquals(List.of(), chat.storedTexts());
    }

    @Test
    void a_valid_fragment_then_an_invalid_one_is_refused_and_nothing_stored() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(concat(
                    frame(false, TEXT, concat(BEFORE, "valid".getBytes(StandardCharsets.UTF_8))),
                    frame(false, CONTINUATION, hex("e18041")),
                    frame(true, CONTINUATION, AFTER)));

            assertEquals(1007, client.readClose(WAIT).closeCode());
        }
        assertEquals(List.of(), chat.storedTexts());
    }

    private static byte[] message(byte[] textBytes) {
        return concat(BEFORE, textBytes, AFTER);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private RawWebSocket connect() throws IOException {
        return RawWebSocket.connect(chat.server.port(), "/ws");
    }
}
