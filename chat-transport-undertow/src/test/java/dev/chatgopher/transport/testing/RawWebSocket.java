package dev.chatgopher.transport.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A WebSocket client on a plain socket: it completes the handshake and then does only what the test says. Left
 * alone it neither reads nor answers pings (a stalled or vanished client); it can also send hand-made frames
 * and read the server's frames one by one, to check the protocol itself.
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
        socket.connect(new InetSocketAddress("localhost", port));
        String key = Base64.getEncoder()
                        .encodeToString("raw-websocket-key".getBytes(StandardCharsets.US_ASCII))
                        .substring(0, 22)
                + "==";
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String response = RawHttp.readHeaders(socket.getInputStream());
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

    /** A frame from the server: whether it is final, its opcode and payload. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame. */
        public int closeCode() {
            return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        /** The reason of a close frame. */
        public String closeReason() {
            return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    /** Sends bytes as they are (frames built by the test). */
    public void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Reads the next frame the server sent. */
    public Frame readFrame(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame((first & 0x80) != 0, first & 0x0F, payload);
    }

    /** Reads frames until the server's close frame, and returns it; pings and messages before it are skipped. */
    public Frame readClose(Duration wait) throws IOException {
        while (true) {
            Frame frame = readFrame(wait);
            if (frame.opcode() == 0x8) {
                return frame;
            }
        }
    }

    /** Reads every frame the server sends until it ends the connection (or the wait is over, which fails). */
    public List<Frame> readUntilClosed(Duration wait) throws IOException {
        List<Frame> frames = new ArrayList<>();
        try {
            while (true) {
                frames.add(readFrame(wait));
            }
        } catch (EOFException | SocketException ended) {
            return frames;
        }
    }

    /** Tells the server the client will send nothing more (a TCP half-close), as a client that is done does. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
