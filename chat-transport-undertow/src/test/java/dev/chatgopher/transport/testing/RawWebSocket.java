package dev.chatgopher.transport.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A WebSocket client that completes the handshake and then does nothing at all: it neither reads what the
 * server sends nor answers pings. The model of a stalled or vanished client.
 */
public final class RawWebSocket implements AutoCloseable {

    private final Socket socket;

    private RawWebSocket(Socket socket) {
        this.socket = socket;
    }

    /** Connects with a small receive buffer, so that the server's frames back up quickly. */
    public static RawWebSocket connect(int port, String pathAndQuery) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress("localhost", port));
        String key = Base64.getEncoder().encodeToString("raw-websocket-key".getBytes(StandardCharsets.US_ASCII)).substring(0, 22) + "==";
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String response = readHeaders(socket.getInputStream());
        if (!response.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + response);
        }
        return new RawWebSocket(socket);
    }

    /**
     * Reads (only now) everything the server sent until it closed the connection; true if it did within the
     * wait, false if the connection is still open.
     */
    public boolean closedByServerWithin(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            headers.write(next);
            matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        return headers.toString(StandardCharsets.US_ASCII);
    }
}
