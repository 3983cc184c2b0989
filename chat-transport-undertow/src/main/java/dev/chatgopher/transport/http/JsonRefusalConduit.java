package dev.chatgopher.transport.http;

import dev.chatgopher.transport.json.ErrorJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSinkConduit;

/**
 * The lowest layer of a connection's output, which turns the answers Undertow writes by itself, before any handler
 * of ours runs, into the API's JSON error. Undertow 2.4 answers a request its parser refuses with the fixed bytes
 * {@code HTTP/1.1 400 Bad Request, Content-Length: 0, Connection: close} and then closes, and its built-in
 * {@code HostHeaderHandler} answers a missing, repeated or malformed {@code Host} the same way with another reason
 * phrase; neither offers a hook, and both are written in one piece. So a write that is exactly one whole response
 * head with status 400 and {@code Content-Length: 0} is replaced by a 400 carrying {@code {"error": "..."}} with
 * {@code Connection: close}. This server's own 400s always carry a JSON body, and a body is never a response head,
 * so nothing else matches.
 */
final class JsonRefusalConduit extends AbstractStreamSinkConduit<StreamSinkConduit> {

    /** Undertow's refusals are about a hundred bytes; anything far longer is not one of them. */
    private static final int MAX_REFUSAL_BYTES = 1024;

    private static final byte[] STATUS_PREFIX = "HTTP/1.".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STATUS_400 = " 400 ".getBytes(StandardCharsets.US_ASCII);

    private ByteBuffer replacement;
    private boolean terminateWhenFlushed;

    JsonRefusalConduit(StreamSinkConduit next) {
        super(next);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (replacement != null) {
            // After a refusal the connection only closes; there is nothing more to write.
            return flushReplacement() ? next.write(src) : 0;
        }
        String head = startsLikeStatusLine(src) ? refusalHead(new ByteBuffer[] {src}, 0, 1) : null;
        if (head == null) {
            return next.write(src);
        }
        int consumed = src.remaining();
        src.position(src.limit());
        replace(head);
        return consumed;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offs, int len) throws IOException {
        if (replacement != null) {
            return flushReplacement() ? next.write(srcs, offs, len) : 0;
        }
        String head = refusalHead(srcs, offs, len);
        if (head == null) {
            return next.write(srcs, offs, len);
        }
        long consumed = 0;
        for (int i = offs; i < offs + len; i++) {
            consumed += srcs[i].remaining();
            srcs[i].position(srcs[i].limit());
        }
        replace(head);
        return consumed;
    }

    @Override
    public int writeFinal(ByteBuffer src) throws IOException {
        return Conduits.writeFinalBasic(this, src);
    }

    @Override
    public long writeFinal(ByteBuffer[] srcs, int offs, int len) throws IOException {
        return Conduits.writeFinalBasic(this, srcs, offs, len);
    }

    @Override
    public boolean flush() throws IOException {
        if (!flushReplacement()) {
            return false;
        }
        if (terminateWhenFlushed) {
            terminateWhenFlushed = false;
            next.terminateWrites();
        }
        return next.flush();
    }

    @Override
    public void terminateWrites() throws IOException {
        if (replacement != null && replacement.hasRemaining()) {
            terminateWhenFlushed = true;
            return;
        }
        next.terminateWrites();
    }

    private void replace(String head) throws IOException {
        replacement = ByteBuffer.wrap(answer(head));
        flushReplacement();
    }

    private boolean flushReplacement() throws IOException {
        if (replacement == null || !replacement.hasRemaining()) {
            return true;
        }
        next.write(replacement);
        return !replacement.hasRemaining();
    }

    /** The head as text when the buffers hold exactly one body-less 400 response head, else null. */
    static String refusalHead(ByteBuffer[] srcs, int offs, int len) {
        int first = offs;
        while (first < offs + len && !srcs[first].hasRemaining()) {
            first++;
        }
        if (first == offs + len || !startsLikeStatusLine(srcs[first])) {
            return null;
        }
        long total = 0;
        for (int i = first; i < offs + len && total <= MAX_REFUSAL_BYTES; i++) {
            total += srcs[i].remaining();
        }
        if (total < STATUS_PREFIX.length + 4
                || total > MAX_REFUSAL_BYTES
                || !matchesAt(srcs, offs, len, 0, STATUS_PREFIX)
                || !matchesAt(srcs, offs, len, STATUS_PREFIX.length + 1, STATUS_400)) {
            return null;
        }
        StringBuilder text = new StringBuilder((int) total);
        for (int i = offs; i < offs + len; i++) {
            ByteBuffer src = srcs[i];
            for (int p = src.position(); p < src.limit(); p++) {
                text.append((char) (src.get(p) & 0xFF));
            }
        }
        String head = text.toString();
        int end = head.indexOf("\r\n\r\n");
        boolean oneWholeHead = end == head.length() - 4;
        boolean bodyLess = head.toLowerCase(Locale.ROOT).contains("\r\ncontent-length: 0\r\n");
        return oneWholeHead && bodyLess ? head : null;
    }

    /**
     * The test every write of the connection goes through, WebSocket frames and bodies included: one byte, the
     * 'H' of a status line, which every frame and nearly every body fails before anything is summed or allocated.
     */
    private static boolean startsLikeStatusLine(ByteBuffer src) {
        return src.hasRemaining() && src.get(src.position()) == STATUS_PREFIX[0];
    }

    /** Whether the bytes of the buffers, taken as one run, hold {@code expected} at {@code index}. */
    private static boolean matchesAt(ByteBuffer[] srcs, int offs, int len, int index, byte[] expected) {
        int at = 0;
        int matched = 0;
        for (int i = offs; i < offs + len && matched < expected.length; i++) {
            ByteBuffer src = srcs[i];
            for (int p = src.position(); p < src.limit() && matched < expected.length; p++, at++) {
                if (at >= index) {
                    if (src.get(p) != expected[matched]) {
                        return false;
                    }
                    matched++;
                }
            }
        }
        return matched == expected.length;
    }

    /** The JSON answer for a refusal, in the HTTP version of the original and with words for its reason. */
    static byte[] answer(String head) {
        String version = head.substring(0, STATUS_PREFIX.length + 1);
        int endOfStatusLine = head.indexOf("\r\n");
        String reason = head.substring(STATUS_PREFIX.length + 1 + " 400 ".length(), endOfStatusLine);
        byte[] body = ErrorJson.encode(words(reason));
        String answerHead = version + " 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        byte[] headBytes = answerHead.getBytes(StandardCharsets.US_ASCII);
        byte[] answer = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, answer, 0, headBytes.length);
        System.arraycopy(body, 0, answer, headBytes.length, body.length);
        return answer;
    }

    private static String words(String reason) {
        return switch (reason) {
            case "No Host Header" -> "an HTTP/1.1 request must have a Host header";
            case "Only One Host Header Allowed" -> "a request must have one Host header, not several";
            default ->
                reason.startsWith("Host Header")
                        ? "the Host header is malformed: it must be a host name or address with an optional port"
                        : "malformed HTTP request: its request line, header fields or body framing break RFC 9112";
        };
    }
}
