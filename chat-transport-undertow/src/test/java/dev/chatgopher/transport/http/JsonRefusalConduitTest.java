package dev.chatgopher.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonRefusalConduitTest {

    /** The bytes Undertow 2.4's HttpReadListener writes when its parser refuses a request. */
    private static final String PARSER_REFUSAL =
            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

    @Test
    void recognises_the_parsers_refusal() {
        assertEquals(PARSER_REFUSAL, JsonRefusalConduit.refusalHead(buffers(PARSER_REFUSAL), 0, 1));
    }

    @Test
    void recognises_a_refusal_written_in_several_buffers() {
        ByteBuffer[] split = {ByteBuffer.wrap(new byte[0]), buffer("HTTP/1.1 40"), buffer(PARSER_REFUSAL.substring(11))
        };

        assertEquals(PARSER_REFUSAL, JsonRefusalConduit.refusalHead(split, 0, 3));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n",
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\n\r\n{}",
                "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
                "{\"error\":\"HTTP/1.1 400 Bad Request\\r\\nContent-Length: 0\\r\\n\\r\\n\"}",
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n",
                "\u0081\u0005hello",
            })
    void leaves_every_other_write_alone(String written) {
        assertNull(JsonRefusalConduit.refusalHead(buffers(written), 0, 1), written);
    }

    @Test
    void answers_json_with_the_words_for_the_reason_and_closes() {
        String answer = new String(
                JsonRefusalConduit.answer("HTTP/1.1 400 Only One Host Header Allowed\r\nConnection: close\r\n"
                        + "Content-Length: 0\r\nDate: Thu, 03 Dec 2026 08:00:00 GMT\r\n\r\n"),
                StandardCharsets.US_ASCII);

        String body = "{\"error\":\"a request must have one Host header, not several\"}";
        assertEquals(
                "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                        + "\r\nConnection: close\r\n\r\n" + body,
                answer);
    }

    @Test
    void keeps_the_http_version_of_the_refusal() {
        String answer = new String(
                JsonRefusalConduit.answer(PARSER_REFUSAL.replace("HTTP/1.1", "HTTP/1.0")), StandardCharsets.US_ASCII);

        assertEquals("HTTP/1.0 400 Bad Request", answer.substring(0, answer.indexOf("\r\n")));
    }

    private static ByteBuffer[] buffers(String text) {
        return new ByteBuffer[] {buffer(text)};
    }

    private static ByteBuffer buffer(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
