package dev.chatgopher.transport.http;

import io.undertow.conduits.ReadDataStreamSourceConduit;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Refuses a request whose body framing Undertow's parser lets through but HTTP/1.1 (RFC 9112, section 6) does
 * not, before any route reads it: a framing that two parties can read differently is how requests are smuggled.
 * Undertow reads any {@code Transfer-Encoding} other than {@code identity} as chunked ({@code chunked, gzip}
 * included), and decodes chunks leniently, so a chunked body is decoded by {@link StrictChunkedSourceConduit}
 * instead. Each refusal closes the connection, since where the next request would start is unknown.
 */
public final class StrictFramingHandler implements HttpHandler {

    /** Digits of {@link Long#MAX_VALUE}: a longer length cannot be a body this server would read. */
    private static final int MAX_LENGTH_DIGITS = 19;

    private final HttpHandler next;

    public StrictFramingHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String refusal = transferEncodingRefusal(exchange);
        int status = StatusCodes.NOT_IMPLEMENTED;
        if (refusal == null) {
            refusal = contentLengthRefusal(exchange);
            status = StatusCodes.BAD_REQUEST;
        }
        if (refusal == null) {
            decodeChunksStrictly(exchange);
            next.handleRequest(exchange);
            return;
        }
        LingeringClose.closeAfterAnswer(exchange);
        ErrorResponses.send(exchange, status, refusal);
    }

    /** Puts {@link StrictChunkedSourceConduit} where Undertow's chunked decoder was, on a chunked body not yet read. */
    private static void decodeChunksStrictly(HttpServerExchange exchange) {
        if (exchange.isRequestComplete()
                || !exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING)
                || !(exchange.getConnection() instanceof AbstractServerConnection connection)) {
            return;
        }
        // Below Undertow's decoder sat the bytes the parser had read past the headers, then the socket; so here.
        StreamSourceConduit body = new ReadDataStreamSourceConduit(connection.getOriginalSourceConduit(), connection);
        connection.getChannel().getSourceChannel().setConduit(new StrictChunkedSourceConduit(body, exchange));
    }

    /** Why the {@code Transfer-Encoding} cannot be read, or null: only exactly {@code chunked} can. */
    private static String transferEncodingRefusal(HttpServerExchange exchange) {
        HeaderValues codings = exchange.getRequestHeaders().get(Headers.TRANSFER_ENCODING);
        if (codings == null) {
            return null;
        }
        if (codings.size() == 1 && codings.getFirst().trim().equalsIgnoreCase("chunked")) {
            return null;
        }
        return "Transfer-Encoding " + ErrorResponses.shortened(String.join(", ", codings))
                + " is not supported: send the body with Content-Length or with Transfer-Encoding: chunked alone";
    }

    /** Why the framing by length is faulty, or null: one length of plain digits, never beside a transfer coding. */
    private static String contentLengthRefusal(HttpServerExchange exchange) {
        HeaderValues lengths = exchange.getRequestHeaders().get(Headers.CONTENT_LENGTH);
        boolean chunked = exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
        if (chunked && !exchange.isHttp11()) {
            return "Transfer-Encoding needs HTTP/1.1; an HTTP/1.0 request must send its body with Content-Length";
        }
        if (lengths == null) {
            return null;
        }
        if (chunked) {
            return "a request must not have both Content-Length and Transfer-Encoding";
        }
        if (lengths.size() > 1) {
            return "Content-Length must be given once";
        }
        String length = lengths.getFirst();
        if (length.isEmpty()
                || length.length() > MAX_LENGTH_DIGITS
                || !length.chars().allMatch(c -> c >= '0' && c <= '9')
                || !fitsLong(length)) {
            return "Content-Length must be a whole number of bytes, got '" + ErrorResponses.shortened(length) + "'";
        }
        return null;
    }

    private static boolean fitsLong(String digits) {
        try {
            Long.parseLong(digits);
            return true;
        } catch (NumberFormatException tooLarge) {
            return false;
        }
    }
}
