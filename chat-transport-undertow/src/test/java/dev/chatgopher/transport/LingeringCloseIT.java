package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.RawHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * An error answered before the body is read still reaches a client that streams its whole body without waiting
 * (no {@code Expect: 100-continue}, as Node's http client does): the server reads and discards the rest for a
 * while before it closes, instead of resetting the connection under the answer. A client that never stops is
 * still cut off.
 */
class LingeringCloseIT {

    private static final int BODY_BYTES = 1 << 20;
    private static final int CHUNK_BYTES = 16 * 1024;
    /** Small, so that the client's writes block on the server's reading instead of vanishing into a buffer. */
    private static final int SEND_BUFFER_BYTES = 8 * 1024;

    private static final int TRIES = 20;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TOO_LARGE = "request body is larger than 65536 bytes";

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat();

    @Test
    void a_streamed_body_over_the_limit_gets_the_whole_413() throws IOException {
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            RawHttp.Answer answer = streamThenRead("application/json", "Content-Length: " + BODY_BYTES, attempt);

            assertClosingError("HTTP/1.1 413", TOO_LARGE, answer);
        }
    }

    @Test
    void a_streamed_chunked_body_over_the_limit_gets_the_whole_413() throws IOException {
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            RawHttp.Answer answer = streamThenRead("application/json", "Transfer-Encoding: chunked", attempt);

            assertClosingError("HTTP/1.1 413", TOO_LARGE, answer);
        }
    }

    @Test
    void a_streamed_body_of_another_media_type_gets_the_whole_415() throws IOException {
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            RawHttp.Answer answer = streamThenRead("text/plain", "Content-Length: " + BODY_BYTES, attempt);

            assertClosingError("HTTP/1.1 415", "Content-Type must be application/json (UTF-8), got text/plain", answer);
        }
    }

    @Test
    void a_client_that_never_stops_sending_is_cut_off() {
        byte[] chunk = body();

        long sent = untilCutOff(out -> out.write(chunk));

        // What the server discards is bounded; the rest never reaches it once it has closed.
        assertTrue(sent < 64L * BODY_BYTES / CHUNK_BYTES, sent + " chunks sent before the cut");
    }

    @Test
    void a_client_that_trickles_forever_is_cut_off() {
        untilCutOff(out -> {
            out.write('x');
            sleep(Duration.ofMillis(20));
        });
    }

    /** Sends the headers and the whole body first, as a client that does not wait; only then reads the answer. */
    private RawHttp.Answer streamThenRead(String contentType, String framing, int attempt) throws IOException {
        boolean chunked = framing.startsWith("Transfer-Encoding");
        byte[] chunk = body();
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            int sent = 0;
            try {
                out.write(headers(contentType, framing));
                for (; sent < BODY_BYTES; sent += chunk.length) {
                    if (chunked) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(chunk);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException cut) {
                throw new AssertionError(
                        "try " + attempt + " of " + TRIES + ": the connection broke after " + sent + " of " + BODY_BYTES
                                + " body bytes: " + cut,
                        cut);
            }
            try {
                return RawHttp.readAnswer(socket.getInputStream());
            } catch (IOException noAnswer) {
                throw new AssertionError(
                        "try " + attempt + " of " + TRIES + ": the whole body went out but no answer came back: "
                                + noAnswer,
                        noAnswer);
            }
        }
    }

    /** Sends headers that promise a huge body, then writes until the server closes; the bytes it got out. */
    private long untilCutOff(Write write) {
        return assertTimeoutPreemptively(
                WAIT,
                () -> {
                    try (Socket socket = connect()) {
                        OutputStream out = socket.getOutputStream();
                        out.write(headers("application/json", "Content-Length: " + (1L << 40)));
                        long sent = 0;
                        try {
                            while (true) {
                                write.to(out);
                                sent++;
                            }
                        } catch (IOException cut) {
                            return sent;
                        }
                    }
                },
                "the server kept the connection open for " + WAIT);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.setSendBufferSize(SEND_BUFFER_BYTES);
        socket.connect(new InetSocketAddress("localhost", chat.server.port()));
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    private static byte[] headers(String contentType, String framing) {
        return ("POST /api/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType + "\r\n" + framing
                        + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] body() {
        byte[] chunk = new byte[CHUNK_BYTES];
        Arrays.fill(chunk, (byte) 'x');
        return chunk;
    }

    private static void assertClosingError(String statusLine, String error, RawHttp.Answer answer) {
        assertEquals(statusLine, answer.statusLine().substring(0, statusLine.length()), answer.statusLine());
        assertEquals("application/json", answer.header("Content-Type"));
        assertEquals("close", answer.header("Connection"));
        assertEquals(error, Http.errorMessage(answer.body()));
    }

    private static void sleep(Duration pause) throws IOException {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @FunctionalInterface
    private interface Write {
        void to(OutputStream out) throws IOException;
    }
}
