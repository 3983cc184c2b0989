package dev.chatgopher.transport.http;

import io.undertow.conduits.ReadDataStreamSourceConduit;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Refuses a request whose body framing Undertow's parser lets through but HTTP/1.1 (RFC 9112, section 6) does
 * not, before any route reads it: a framing that two parties can read differently is how requests are smuggled.
 * Undertow reads any {@code Transfer-Encoding} other than {@code identity} as chunked ({@code chunked, gzip}
 * included), even in HTTP/1.0, and decodes chunks leniently, so a chunked body is decoded by
 * {@link StrictChunkedSourceConduit} instead. Each refusal closes the connection, since where the next request
 * would start is unknown.
 *
 * <p>The rest of the framing Undertow refuses itself, with its bodiless 400 that {@link JsonRefusalConduit} makes
 * JSON, before any handler runs: {@code Transfer-Encoding} or {@code Content-Length} twice, the two together
 * ({@code Connectors.areRequestHeadersValid}), and a {@code Content-Length} that is not plain digits within
 * range. {@code MalformedHttpIT} sends each, so an Undertow that stopped would show there.
 */
public final class StrictFramingHandler implements HttpHandler {

    private final HttpHandler next;

    public StrictFramingHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String coding = exchange.getRequestHeaders().getFirst(Headers.TRANSFER_ENCODING);
        if (coding == null) {
            next.handleRequest(exchange);
        } else if (!coding.trim().equalsIgnoreCase("chunked")) {
            refuse(
                    exchange,
                    StatusCodes.NOT_IMPLEMENTED,
                    "Transfer-Encoding " + ErrorResponses.shortened(coding)
                            + " is not supported: send the body with Content-Length or with Transfer-Encoding:"
                            + " chunked alone");
        } else if (!exchange.isHttp11()) {
            refuse(
                    exchange,
                    StatusCodes.BAD_REQUEST,
                    "Transfer-Encoding needs HTTP/1.1; an HTTP/1.0 request must send its body with Content-Length");
        } else {
            decodeChunksStrictly(exchange);
            next.handleRequest(exchange);
        }
    }

    private static void refuse(HttpServerExchange exchange, int status, String message) {
        LingeringClose.closeAfterAnswer(exchange);
        ErrorResponses.send(exchange, status, message);
    }

    /** Puts {@link StrictChunkedSourceConduit} where Undertow's chunked decoder was, on a chunked body not yet read. */
    private static void decodeChunksStrictly(HttpServerExchange exchange) {
        if (exchange.isRequestComplete()
                || !(exchange.getConnection() instanceof AbstractServerConnection connection)) {
            return;
        }
        // Below Undertow's decoder sat the bytes the parser had read past the headers, then the socket; so here.
        StreamSourceConduit body = new ReadDataStreamSourceConduit(connection.getOriginalSourceConduit(), connection);
        connection.getChannel().getSourceChannel().setConduit(new StrictChunkedSourceConduit(body, exchange));
    }
}
