package dev.chatgopher.transport.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Server-to-client WebSocket frames (RFC 6455 section 5.2): never masked, always final. A text frame is built
 * once, header and payload in one buffer, and the same bytes are written to every client.
 */
public final class WebSocketFrames {

    static final int OPCODE_CONTINUATION = 0x0;
    static final int OPCODE_TEXT = 0x1;
    static final int OPCODE_BINARY = 0x2;
    static final int OPCODE_CLOSE = 0x8;
    static final int OPCODE_PING = 0x9;
    static final int OPCODE_PONG = 0xA;

    /** Control frames carry at most 125 bytes; a close frame's reason therefore at most 123. */
    private static final int MAX_CONTROL_PAYLOAD = 125;

    private WebSocketFrames() {}

    public static ByteBuffer text(byte[] utf8) {
        return frame(OPCODE_TEXT, utf8);
    }

    static ByteBuffer ping() {
        return frame(OPCODE_PING, new byte[0]);
    }

    static ByteBuffer pong(byte[] payload) {
        return frame(OPCODE_PONG, payload);
    }

    /** A close frame with a code and a reason, the reason cut (on a character boundary) to fit a control frame. */
    static ByteBuffer close(int code, String reason) {
        byte[] text = fitting(reason, MAX_CONTROL_PAYLOAD - 2);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return frame(OPCODE_CLOSE, payload);
    }

    /** A read-only buffer holding one final, unmasked frame. */
    static ByteBuffer frame(int opcode, byte[] payload) {
        int length = payload.length;
        int headerLength = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(headerLength + length);
        frame.put((byte) (0x80 | opcode));
        if (length <= 125) {
            frame.put((byte) length);
        } else if (length <= 0xFFFF) {
            frame.put((byte) 126);
            frame.putShort((short) length);
        } else {
            frame.put((byte) 127);
            frame.putLong(length);
        }
        frame.put(payload);
        return frame.flip().asReadOnlyBuffer();
    }

    private static byte[] fitting(String text, int maxBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return bytes;
        }
        int end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // do not cut a character in half
        }
        byte[] cut = new byte[end];
        System.arraycopy(bytes, 0, cut, 0, end);
        return cut;
    }
}
