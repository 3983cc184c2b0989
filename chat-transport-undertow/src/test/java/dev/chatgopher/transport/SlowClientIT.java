package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.transport.testing.RawHttp;
import dev.chatgopher.transport.testing.WsClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Clients that hold a connection without finishing a request: one that sends its headers or its body a byte at a
 * time (slowloris, slow POST) does not keep others from being served and is closed once the header or body timeout
 * has passed; a kept-alive connection that sends nothing more is closed once idle. No timeout touches a WebSocket.
 */
class SlowClientIT {

    private static final RequestTimeouts SHORT =
            new RequestTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    /** Far longer than either timeout, so that a connection still open after it was not closed by them. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final int BYTE_EVERY_MILLIS = 300;

    @AutoClose
    private final InMemoryChat chat =
            new InMemoryChat(ServerSettings.ephemeral().withTimeouts(SHORT));

    @Test
    void a_client_sending_its_headers_a_byte_at_a_time_does_not_hold_others_and_is_closed() {
        byte[] headers = ("GET /api/rooms HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + "s".repeat(200) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        int sent = trickle(new byte[0], headers);

        assertTrue(sent < headers.length, "the slow client sent its whole request of " + sent + " bytes unhindered");
    }

    @Test
    void a_client_sending_its_body_a_byte_at_a_time_does_not_hold_others_and_is_closed() {
        byte[] body = ("{\"text\": \"" + "s".repeat(200) + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] headers = ("POST /api/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        int sent = trickle(headers, body);

        assertTrue(sent < body.length, "the slow client sent its whole body of " + sent + " bytes unhindered");
        assertEquals("[]", chat.http.get("/api/rooms").body());
    }

    /**
     * Sends {@code atOnce}, then {@code slowly} a byte at a time, while another client is served; the bytes of
     * {@code slowly} that went out before the server closed the connection.
     */
    private int trickle(byte[] atOnce, byte[] slowly) {
        return assertTimeoutPreemptively(WAIT, () -> {
            try (Socket slow = new Socket("localhost", chat.server.port())) {
                slow.setSoTimeout(BYTE_EVERY_MILLIS);
                OutputStream out = slow.getOutputStream();
                InputStream in = slow.getInputStream();
                out.write(atOnce);
                for (int i = 0; i < slowly.length; i++) {
                    try {
                        out.write(slowly[i]);
                        out.flush();
                    } catch (IOException closed) {
                        return i;
                    }
                    if (i == 3) {
                        assertEquals(200, chat.http.get("/api/rooms").statusCode(), "another client was held up");
                    }
                    try {
                        if (in.read() < 0) {
                            return i + 1;
                        }
                        throw new AssertionError("an answer came to a request that was never finished");
                    } catch (SocketTimeoutException stillOpen) {
                        // The pause between two bytes.
                    } catch (IOException reset) {
                        return i + 1;
                    }
                }
                return slowly.length;
            }
        });
    }

    @Test
    void an_idle_kept_alive_connection_is_closed() throws IOException {
        try (Socket idle = new Socket("localhost", chat.server.port())) {
            idle.setSoTimeout((int) WAIT.toMillis());
            idle.getOutputStream()
                    .write("GET /api/rooms HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = idle.getInputStream();
            assertEquals("HTTP/1.1 200 OK", RawHttp.readAnswer(in).statusLine());

            assertEquals(-1, in.read(), "the server should have closed the idle connection");
        }
    }

    @Test
    void a_websocket_outlives_every_timeout() throws Exception {
        try (WsClient client = WsClient.connect(chat.http.webSocketUri("/ws"))) {
            Thread.sleep(SHORT.headers().plus(SHORT.body()).plus(SHORT.idle()).multipliedBy(2));

            String posted = chat.http.postJson("{\"text\": \"still here\"}").body();

            assertEquals(posted, client.next());
        }
    }
}
