package dev.chatgopher.transport.http;

import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Decodes a chunked request body by the grammar of RFC 9112, section 7.1, where Undertow's decoder is lenient: it
 * takes a bare LF for CRLF, skips whatever follows a chunk size up to the line's end (a garbage extension), and on a
 * bad chunk size closes the connection, so that no answer can be sent. This one refuses each of these with a
 * {@link MalformedChunksException} (a chunk over the entity limit with {@link RequestTooBigException}) and leaves
 * the connection open for the answer.
 *
 * <p>It never reads past the body: lines are read a byte at a time and data no further than the chunk's end, so the
 * bytes of a pipelined next request stay where the connection's parser finds them.
 */
final class StrictChunkedSourceConduit extends AbstractStreamSourceConduit<StreamSourceConduit> {

    /** A chunk-size line with its extensions, or one trailer field: far more than any real client sends. */
    static final int MAX_LINE_BYTES = 4 * 1024;
    /** All trailer fields together, which this server reads and drops. */
    static final int MAX_TRAILER_BYTES = 16 * 1024;
    /** The most hex digits a chunk size may have: fifteen always fit in a {@code long}, sixteen may not. */
    private static final int MAX_SIZE_DIGITS = 15;

    private enum State {
        SIZE_LINE,
        DATA,
        DATA_END,
        TRAILER,
        DONE
    }

    private final HttpServerExchange exchange;
    private final ByteBuffer oneByte = ByteBuffer.allocate(1);
    private final StringBuilder line = new StringBuilder();
    private boolean lineEndsWithCr;
    private State state = State.SIZE_LINE;
    private long chunkRemaining;
    private long bodyBytes;
    private int trailerBytes;

    StrictChunkedSourceConduit(StreamSourceConduit next, HttpServerExchange exchange) {
        super(next);
        this.exchange = exchange;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        while (true) {
            switch (state) {
                case DONE -> {
                    return -1;
                }
                case DATA -> {
                    if (chunkRemaining == 0) {
                        state = State.DATA_END;
                        continue;
                    }
                    if (!dst.hasRemaining()) {
                        return 0;
                    }
                    return readData(dst);
                }
                default -> {
                    if (!readLine()) {
                        return 0;
                    }
                    endOfLine();
                }
            }
        }
    }

    private int readData(ByteBuffer dst) throws IOException {
        int limit = dst.limit();
        if (dst.remaining() > chunkRemaining) {
            dst.limit(dst.position() + (int) chunkRemaining);
        }
        int read;
        try {
            read = next.read(dst);
        } finally {
            dst.limit(limit);
        }
        if (read < 0) {
            throw new MalformedChunksException("the chunked request body ended inside a chunk: it was cut short");
        }
        chunkRemaining -= read;
        return read;
    }

    /** Reads the current line up to its CRLF; false when the bytes for it have not arrived yet. */
    private boolean readLine() throws IOException {
        while (true) {
            int read = next.read(oneByte.clear());
            if (read == 0) {
                return false;
            }
            if (read < 0) {
                throw new MalformedChunksException(
                        "the chunked request body ended before its last chunk and trailer: it was cut short");
            }
            char c = (char) (oneByte.get(0) & 0xFF);
            if (lineEndsWithCr) {
                if (c != '\n') {
                    throw new MalformedChunksException("a CR inside the chunked framing is not followed by LF");
                }
                lineEndsWithCr = false;
                return true;
            }
            if (c == '\r') {
                lineEndsWithCr = true;
            } else if (c == '\n') {
                throw new MalformedChunksException("the chunked framing must end its lines with CRLF, not a bare LF");
            } else if (line.length() >= MAX_LINE_BYTES) {
                throw new MalformedChunksException(
                        "a line of the chunked framing is longer than " + MAX_LINE_BYTES + " bytes");
            } else {
                line.append(c);
            }
        }
    }

    private void endOfLine() throws IOException {
        String text = line.toString();
        line.setLength(0);
        switch (state) {
            case SIZE_LINE -> startChunk(text);
            case DATA_END -> {
                if (!text.isEmpty()) {
                    throw new MalformedChunksException("a chunk is longer than its size: its data must end with CRLF");
                }
                state = State.SIZE_LINE;
            }
            case TRAILER -> {
                if (text.isEmpty()) {
                    state = State.DONE;
                    Connectors.terminateRequest(exchange);
                    return;
                }
                trailerBytes += text.length() + 2;
                if (trailerBytes > MAX_TRAILER_BYTES || !ChunkedSyntax.isFieldLine(text)) {
                    throw new MalformedChunksException("the chunked body's trailer is not a list of header fields"
                            + " within " + MAX_TRAILER_BYTES + " bytes");
                }
            }
            default -> throw new IllegalStateException("no line is read in state " + state);
        }
    }

    private void startChunk(String sizeLine) throws IOException {
        int digits = ChunkedSyntax.hexDigits(sizeLine);
        if (digits == 0 || digits > MAX_SIZE_DIGITS) {
            throw new MalformedChunksException("a chunk size must be 1 to " + MAX_SIZE_DIGITS
                    + " hexadecimal digits, got '" + ErrorResponses.shortened(sizeLine) + "'");
        }
        // Nearly every size line is digits alone, and needs neither the substring nor the match.
        if (digits < sizeLine.length() && !ChunkedSyntax.isExtensionList(sizeLine.substring(digits))) {
            throw new MalformedChunksException(
                    "a chunk extension must be ;name or ;name=value, got '" + ErrorResponses.shortened(sizeLine) + "'");
        }
        long size = Long.parseLong(sizeLine, 0, digits, 16);
        long limit = exchange.getMaxEntitySize();
        if (limit > 0 && size > limit - bodyBytes) {
            throw new RequestTooBigException();
        }
        bodyBytes += size;
        chunkRemaining = size;
        state = size == 0 ? State.TRAILER : State.DATA;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
        for (int i = offs; i < offs + len; i++) {
            if (dsts[i].hasRemaining()) {
                return read(dsts[i]);
            }
        }
        return 0;
    }

    @Override
    public long transferTo(long position, long count, FileChannel target) throws IOException {
        return target.transferFrom(new ConduitReadableByteChannel(this), position, count);
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
        return Conduits.transfer(this, count, throughBuffer, target);
    }

    @Override
    public void terminateReads() throws IOException {
        if (state != State.DONE) {
            // The body was not read to its end: the connection cannot carry another request.
            exchange.setPersistent(false);
        }
        // The socket's reading side stays open: the answer, or the next request, still needs the connection.
        Connectors.terminateRequest(exchange);
    }
}
