package dev.chatgopher.transport.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.in.ReadHistoryUseCase;
import dev.chatgopher.transport.json.Json;
import dev.chatgopher.transport.json.MessageJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.util.Deque;

/**
 * {@code GET /api/messages?from=&to=}: streams the messages of the range as a JSON array straight from the
 * database cursor to the socket, so memory stays flat however long the range is. It blocks: run it inside a
 * {@link ErrorMappingHandler#blocking}.
 */
public final class GetHistoryHandler implements HttpHandler {

    private final ReadHistoryUseCase history;

    public GetHistoryHandler(ReadHistoryUseCase history) {
        this.history = history;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        TimeRange range = new TimeRange(
                Rfc3339.parse("from", requiredParameter(exchange, "from")),
                Rfc3339.parse("to", requiredParameter(exchange, "to")));
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        JsonGenerator json = Json.FACTORY.createGenerator(exchange.getOutputStream());
        // The array opens with the first row, so a database that fails before it still gets a clean JSON error.
        boolean[] opened = {false};
        history.readRange(range, message -> {
            if (!opened[0]) {
                json.writeStartArray();
                opened[0] = true;
            }
            MessageJson.write(json, message);
        });
        if (!opened[0]) {
            json.writeStartArray();
        }
        json.writeEndArray();
        json.close();
    }

    private static String requiredParameter(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty() || values.getFirst().isEmpty()) {
            throw new InvalidInputException(name + " is required: an RFC 3339 timestamp such as 2025-02-01T00:00:00Z");
        }
        if (values.size() > 1) {
            throw new InvalidInputException(name + " must be given once");
        }
        return values.getFirst();
    }
}
