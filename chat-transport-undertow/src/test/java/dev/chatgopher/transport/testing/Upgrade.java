package dev.chatgopher.transport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One WebSocket upgrade request on a plain socket, with whatever headers the test adds (an Origin, a forwarded
 * address); the answer is read, and an upgraded socket stays open until closed, holding its place in the counts.
 */
public final class Upgrade implements AutoCloseable {

    private final Socket socket;
    private final RawHttp.Answer answer;

    private Upgrade(Socket socket, RawHttp.Answer answer) {
        this.socket = socket;
        this.answer = answer;
    }

    /** Sends {@code GET pathAndQuery} as an upgrade with the extra header lines ({@code "Origin: https://x"}). */
    public static Upgrade attempt(int port, String pathAndQuery, String... headerLines) {
        Socket socket = new Socket();
        try {
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress("localhost", port));
            StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String head = RawHttp.readHeaders(socket.getInputStream());
            if (head.startsWith("HTTP/1.1 101")) {
                int endOfStatus = head.indexOf("\r\n");
                return new Upgrade(
                        socket,
                        new RawHttp.Answer(
                                head.substring(0, endOfStatus),
                                head.substring(endOfStatus + 2).trim(),
                                ""));
            }
            // Not upgraded: read the rest of the answer (its body) from what follows the headers.
            RawHttp.Answer withoutBody = headOnly(head);
            String length = withoutBody.header("Content-Length");
            byte[] body = socket.getInputStream().readNBytes(length == null ? 0 : Integer.parseInt(length));
            socket.close();
            return new Upgrade(
                    socket,
                    new RawHttp.Answer(
                            withoutBody.statusLine(), withoutBody.headers(), new String(body, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new UncheckedIOException("upgrade request to port " + port + " failed", e);
        }
    }

    private static RawHttp.Answer headOnly(String head) throws IOException {
        int endOfStatus = head.indexOf("\r\n");
        if (endOfStatus < 0) {
            throw new IOException("no answer, only '" + head + "'");
        }
        return new RawHttp.Answer(
                head.substring(0, endOfStatus), head.substring(endOfStatus + 2).trim(), "");
    }

    /** The status code of the answer. */
    public int status() {
        return Integer.parseInt(answer.statusLine().split(" ")[1]);
    }

    public RawHttp.Answer answer() {
        return answer;
    }

    /** Ends the connection at once, without a close frame: an abrupt disconnect. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
