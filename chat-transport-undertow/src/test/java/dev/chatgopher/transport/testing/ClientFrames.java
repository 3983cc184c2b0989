package dev.chatgopher.transport.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Client-to-server WebSocket frames as RFC 6455 section 5.2 lays them out, built byte by byte so that a test can
 * also build the frames a correct client never sends (unmasked, reserved bits, reserved opcodes, lengths that lie).
 */
public final class ClientFrames {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private static final byte[] MASK = {0x37, (byte) 0xFA, 0x21, 0x3D};

    private ClientFrames() {}

    /** A final, masked text frame. */
    public static byte[] text(String text) {
        return frame(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A masked close frame with a code and a reason. */
    public static byte[] close(int code, String reason) {
        return close(code, reason.getBytes(StandardCharsets.UTF_8));
    }

    /** A masked close frame with a code and the reason's bytes as given (possibly not UTF-8). */
    public static byte[] close(int code, byte[] reason) {
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(reason, 0, payload, 2, reason.length);
        return frame(true, CLOSE, payload);
    }

    public static byte[] frame(boolean fin, int opcode, String payload) {
        return frame(fin, opcode, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** A masked frame with the shortest length encoding. */
    public static byte[] frame(boolean fin, int opcode, byte[] payload) {
        return frame(fin ? 0x80 | opcode : opcode, true, payload);
    }

    /** An unmasked frame, which a server must refuse. */
    public static byte[] unmasked(boolean fin, int opcode, byte[] payload) {
        return frame(fin ? 0x80 | opcode : opcode, false, payload);
    }

    /** A masked final frame with the given reserved bits (0x40 RSV1, 0x20 RSV2, 0x10 RSV3) set. */
    public static byte[] withReservedBits(int reservedBits, int opcode, byte[] payload) {
        return frame(0x80 | reservedBits | opcode, true, payload);
    }

    /** A masked final text frame whose length uses the 64-bit form whatever its size, as a client may send. */
    public static byte[] with64BitLength(byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(2 + 8 + 4 + payload.length);
        frame.put((byte) (0x80 | TEXT))
                .put((byte) (0x80 | 127))
                .putLong(payload.length)
                .put(MASK);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ MASK[i & 3]));
        }
        return frame.array();
    }

    /** Only the header of a masked final text frame declaring {@code length} bytes (64-bit form), and its mask. */
    public static byte[] headerDeclaring(long length) {
        return ByteBuffer.allocate(2 + 8 + 4)
                .put((byte) (0x80 | TEXT))
                .put((byte) (0x80 | 127))
                .putLong(length)
                .put(MASK)
                .array();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] frame(int firstByte, boolean masked, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length <= 125) {
            out.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xFF);
        } else {
            out.write(maskBit | 127);
            out.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        if (masked) {
            out.writeBytes(MASK);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(masked ? payload[i] ^ MASK[i & 3] : payload[i]);
        }
        return out.toByteArray();
    }
}
