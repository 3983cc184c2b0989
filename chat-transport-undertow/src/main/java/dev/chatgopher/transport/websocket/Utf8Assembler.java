package dev.chatgopher.transport.websocket;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A fragmented text message decoded fragment by fragment, so that invalid UTF-8 is refused as soon as the bytes
 * that make it invalid arrive (RFC 6455 section 8.1: fail fast), not when the last fragment does. A code point
 * cut across two fragments waits, at most three bytes of it, for the rest.
 */
final class Utf8Assembler {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final StringBuilder text = new StringBuilder();
    /** The start of a code point the last fragment ended in, waiting for the rest. */
    private byte[] unfinished = new byte[0];

    /** Adds the next fragment; false when the bytes so far cannot be valid UTF-8 (or, at the end, are not). */
    boolean append(byte[] fragment, boolean last) {
        ByteBuffer in = ByteBuffer.wrap(unfinished.length == 0 ? fragment : concat(unfinished, fragment));
        // UTF-8 never decodes to more chars than it has bytes.
        CharBuffer out = CharBuffer.allocate(in.remaining());
        if (decoder.decode(in, out, last).isError()
                || (last && decoder.flush(out).isError())) {
            return false;
        }
        text.append(out.flip());
        unfinished = Arrays.copyOfRange(in.array(), in.position(), in.limit());
        return true;
    }

    /** The whole message, once the last fragment was appended. */
    String text() {
        return text.toString();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
