package dev.chatgopher.transport.websocket;

import dev.chatgopher.transport.json.StrictUtf8;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;

/**
 * Reads client-to-server WebSocket frames (RFC 6455 section 5) from whatever bytes arrive, and hands complete
 * messages and control frames to a {@link Receiver}. It enforces what a server must: frames masked, control
 * frames final and at most 125 bytes, fragments in order, reserved bits clear (no extension is negotiated),
 * messages within the size limit, text valid UTF-8 (a fragmented text refused at the first fragment that makes it
 * invalid). A violation ends decoding with the close code to send.
 *
 * <p>Bytes of an unfinished frame are kept in a buffer that is released as soon as nothing is pending, so an
 * idle connection holds no buffer at all.
 */
final class FrameDecoder {

    /** Where decoded frames go. */
    interface Receiver {
        void text(String message);

        void binary();

        void ping(byte[] payload);

        void pong();

        /** The client sent a close frame (code 1005 "no status" when it sent none). */
        void close(int code);

        /** The client broke the protocol: close with this code and reason. */
        void violation(int closeCode, String reason);
    }

    private static final int NO_STATUS_RECEIVED = 1005;
    private static final String INVALID_UTF8 = "text message is not valid UTF-8";

    private final long maxMessageBytes;
    private final Receiver receiver;
    private byte[] pending;
    private int pendingLength;
    /** The fragmented message being assembled: its opcode (text or binary), or -1 when none. */
    private int fragmentedOpcode = -1;
    /** Its size so far in bytes; those of a binary message are counted, not kept (nothing here takes them). */
    private long messageLength;
    /** A fragmented text's characters so far. */
    private Utf8Assembler text;

    private boolean failed;

    FrameDecoder(long maxMessageBytes, Receiver receiver) {
        this.maxMessageBytes = maxMessageBytes;
        this.receiver = receiver;
    }

    /** Consumes all of {@code bytes}, delivering every frame it completes. */
    void feed(ByteBuffer bytes) {
        if (failed) {
            bytes.position(bytes.limit());
            return;
        }
        append(bytes);
        int offset = 0;
        while (!failed) {
            int consumed = decodeFrame(pending, offset, pendingLength - offset);
            if (consumed == 0) {
                break;
            }
            offset += consumed;
        }
        if (failed || offset == pendingLength) {
            pending = null;
            pendingLength = 0;
        } else if (offset > 0) {
            System.arraycopy(pending, offset, pending, 0, pendingLength - offset);
            pendingLength -= offset;
        }
    }

    private void append(ByteBuffer bytes) {
        int incoming = bytes.remaining();
        if (pending == null) {
            pending = new byte[Math.max(incoming, 256)];
        } else if (pendingLength + incoming > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pendingLength + incoming, pending.length * 2));
        }
        bytes.get(pending, pendingLength, incoming);
        pendingLength += incoming;
    }

    /** Decodes one frame at {@code offset}; returns the bytes it took, or 0 when the frame is not complete yet. */
    private int decodeFrame(byte[] data, int offset, int available) {
        if (available < 2) {
            return 0;
        }
        int first = data[offset] & 0xFF;
        int second = data[offset + 1] & 0xFF;
        boolean fin = (first & 0x80) != 0;
        int opcode = first & 0x0F;
        boolean masked = (second & 0x80) != 0;
        long length = second & 0x7F;
        int header = 2;
        if (length == 126) {
            if (available < 4) {
                return 0;
            }
            length = ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
            header = 4;
        } else if (length == 127) {
            if (available < 10) {
                return 0;
            }
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (data[offset + i] & 0xFF);
            }
            header = 10;
            if (length < 0) {
                return fail(CloseCodes.PROTOCOL_ERROR, "frame length out of range");
            }
        }
        if ((first & 0x70) != 0) {
            return fail(CloseCodes.PROTOCOL_ERROR, "reserved bits set without an extension");
        }
        if (!masked) {
            return fail(CloseCodes.PROTOCOL_ERROR, "client frames must be masked");
        }
        boolean control = (opcode & 0x08) != 0;
        if (control && (!fin || length > 125)) {
            return fail(CloseCodes.PROTOCOL_ERROR, "control frames must be final and at most 125 bytes");
        }
        if (!control && length > maxMessageBytes - messageLength) { // a sum could overflow for a length near 2^63
            return fail(CloseCodes.MESSAGE_TOO_BIG, "message larger than " + maxMessageBytes + " bytes");
        }
        if (available < header + 4 + length) {
            return 0;
        }
        int maskAt = offset + header;
        int payloadAt = maskAt + 4;
        byte[] payload = new byte[(int) length];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (data[payloadAt + i] ^ data[maskAt + (i & 3)]);
        }
        dispatch(fin, opcode, payload);
        return header + 4 + payload.length;
    }

    private void dispatch(boolean fin, int opcode, byte[] payload) {
        switch (opcode) {
            case WebSocketFrames.OPCODE_TEXT, WebSocketFrames.OPCODE_BINARY -> {
                if (fragmentedOpcode >= 0) {
                    fail(CloseCodes.PROTOCOL_ERROR, "a new message began before the fragmented one ended");
                } else if (fin) {
                    complete(opcode, payload);
                } else {
                    fragmentedOpcode = opcode;
                    messageLength = payload.length;
                    if (opcode == WebSocketFrames.OPCODE_TEXT) {
                        text = new Utf8Assembler();
                        appendText(payload, false);
                    }
                }
            }
            case WebSocketFrames.OPCODE_CONTINUATION -> {
                if (fragmentedOpcode < 0) {
                    fail(CloseCodes.PROTOCOL_ERROR, "continuation frame without a message to continue");
                    return;
                }
                messageLength += payload.length;
                if (fragmentedOpcode == WebSocketFrames.OPCODE_TEXT && !appendText(payload, fin)) {
                    return;
                }
                if (fin) {
                    int completed = fragmentedOpcode;
                    String assembled = completed == WebSocketFrames.OPCODE_TEXT ? text.text() : null;
                    fragmentedOpcode = -1;
                    messageLength = 0;
                    text = null;
                    if (completed == WebSocketFrames.OPCODE_TEXT) {
                        receiver.text(assembled);
                    } else {
                        receiver.binary();
                    }
                }
            }
            case WebSocketFrames.OPCODE_PING -> receiver.ping(payload);
            case WebSocketFrames.OPCODE_PONG -> receiver.pong();
            case WebSocketFrames.OPCODE_CLOSE -> close(payload);
            default -> fail(CloseCodes.PROTOCOL_ERROR, "unknown opcode " + opcode);
        }
    }

    /** A message in one frame: the usual case, decoded at once without an assembler. */
    private void complete(int opcode, byte[] payload) {
        if (opcode == WebSocketFrames.OPCODE_BINARY) {
            receiver.binary();
            return;
        }
        try {
            receiver.text(StrictUtf8.decode(payload, 0, payload.length));
        } catch (CharacterCodingException e) {
            fail(CloseCodes.INVALID_PAYLOAD, INVALID_UTF8);
        }
    }

    /** Adds a text fragment; refuses the message as soon as its bytes so far cannot be UTF-8 (section 8.1). */
    private boolean appendText(byte[] fragment, boolean last) {
        if (!text.append(fragment, last)) {
            fail(CloseCodes.INVALID_PAYLOAD, INVALID_UTF8);
            return false;
        }
        return true;
    }

    /** A close frame is empty, or a code (RFC 6455 section 7.4) followed by a reason in UTF-8 (section 5.5.1). */
    private void close(byte[] payload) {
        if (payload.length == 1) {
            fail(CloseCodes.PROTOCOL_ERROR, "close frame with a one-byte payload");
            return;
        }
        int code = payload.length == 0 ? NO_STATUS_RECEIVED : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (payload.length > 0 && !CloseCodes.mayBeReceived(code)) {
            fail(CloseCodes.PROTOCOL_ERROR, "close code " + code + " is not one an endpoint may send");
            return;
        }
        if (payload.length > 2) {
            try {
                StrictUtf8.decode(payload, 2, payload.length - 2);
            } catch (CharacterCodingException e) {
                fail(CloseCodes.INVALID_PAYLOAD, "close reason is not valid UTF-8");
                return;
            }
        }
        failed = true; // nothing may follow a close frame
        receiver.close(code);
    }

    private int fail(int closeCode, String reason) {
        failed = true;
        receiver.violation(closeCode, reason);
        return 0;
    }
}
