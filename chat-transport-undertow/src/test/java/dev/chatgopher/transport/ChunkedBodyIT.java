package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgopher.transport.testing.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Well-formed chunked bodies, which the strict decoder must read as RFC 9112 writes them: extensions and trailers
 * are allowed (and dropped), bytes may arrive one at a time, and a pipelined request after the body is served.
 */
class ChunkedBodyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEAD = "POST /api/messages HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat();

    @Test
    void chunks_with_extensions_and_a_trailer_are_stored_and_the_connection_serves_the_next_request()
            throws IOException {
        String body = "9;part=1\r\n{\"text\": \r\n"
                + "f ; part = \"two ; of \\\"three\\\"\"\r\n\"split in three\r\n"
                + "2;last\r\n\"}\r\n"
                + "0\r\nX-Checksum: none\r\n\r\n";
        String next = "GET /api/rooms HTTP/1.1\r\nHost: localhost\r\n\r\n";

        try (Socket socket = connect()) {
            socket.getOutputStream().write((HEAD + body + next).getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            RawHttp.Answer stored = RawHttp.readAnswer(in);
            RawHttp.Answer rooms = RawHttp.readAnswer(in);

            assertEquals("HTTP/1.1 200 OK", stored.statusLine(), stored.body());
            assertEquals(
                    "split in three", JSON.readTree(stored.body()).get("text").asText());
            assertEquals("HTTP/1.1 200 OK", rooms.statusLine());
            assertEquals(1, JSON.readTree(rooms.body()).get(0).get("messages").asInt());
        }
    }

    @Test
    void a_chunked_body_that_arrives_a_byte_at_a_time_is_read_whole() throws Exception {
        byte[] request =
                (HEAD + "5\r\n{\"tex\r\n10\r\nt\": \"byte-wise\"}\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            for (byte b : request) {
                out.write(b);
                out.flush();
                Thread.sleep(2);
            }
            RawHttp.Answer stored = RawHttp.readAnswer(socket.getInputStream());

            assertEquals("HTTP/1.1 200 OK", stored.statusLine(), stored.body());
            assertEquals("byte-wise", JSON.readTree(stored.body()).get("text").asText());
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("localhost", chat.server.port());
        socket.setSoTimeout(10_000);
        return socket;
    }
}
