package dev.chatgopher.transport.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.chatgopher.domain.model.HistoryPage;
import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.in.ReadHistoryUseCase;
import dev.chatgopher.transport.auth.Caller;
import dev.chatgopher.transport.json.Json;
import dev.chatgopher.transport.json.MessageJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.util.List;

/**
 * Reads a room's messages as a JSON array, oldest first. A time range ({@code from=&to=}) is streamed straight
 * from the database cursor to the socket, so memory stays flat however long the range is; a page by id
 * ({@code before=}, {@code after=} or the newest, each with {@code limit=}) is at most {@link HistoryPage#MAX_LIMIT}
 * messages. With tokens on, the caller must have the read right on the room. It blocks: run it inside a {@link ErrorMappingHandler#blocking}.
 */
public final class GetHistoryHandler implements HttpHandler {

    private final ReadHistoryUseCase history;
    private final RoomOfRequest rooms;
    private final boolean pages;

    private GetHistoryHandler(ReadHistoryUseCase history, RoomOfRequest rooms, boolean pages) {
        this.history = history;
        this.rooms = rooms;
        this.pages = pages;
    }

    /** {@code GET /api/messages?from=&to=}, the original endpoint: the room's time range, nothing else. */
    public static GetHistoryHandler rangeOnly(ReadHistoryUseCase history, RoomId room) {
        return new GetHistoryHandler(history, RoomOfRequest.fixed(room), false);
    }

    /** {@code GET /api/rooms/{room}/messages}: a time range or a page by id of the room the path names. */
    public static GetHistoryHandler rangeOrPage(ReadHistoryUseCase history) {
        return new GetHistoryHandler(history, RoomOfRequest.fromPath(), true);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        RoomId room = rooms.of(exchange);
        Caller.of(exchange).requireRead(room);
        if (!pages || isRange(exchange)) {
            streamRange(exchange, room, range(exchange));
        } else {
            writePage(exchange, history.readPage(room, page(exchange)));
        }
    }

    /** Whether a time range is asked for; refuses one mixed with the parameters of a page. */
    private static boolean isRange(HttpServerExchange exchange) {
        boolean range = QueryParameters.present(exchange, "from") || QueryParameters.present(exchange, "to");
        boolean before = QueryParameters.present(exchange, "before");
        boolean after = QueryParameters.present(exchange, "after");
        if (range && (before || after)) {
            throw new InvalidInputException(
                    "a time range (from, to) and a page by id (before, after) cannot be combined: ask for one of them");
        }
        if (range && QueryParameters.present(exchange, "limit")) {
            throw new InvalidInputException(
                    "limit applies to a page by id (before, after or the newest), not to a time range (from, to)");
        }
        if (before && after) {
            throw new InvalidInputException("before and after cannot be combined: ask for one page at a time");
        }
        return range;
    }

    private static HistoryPage page(HttpServerExchange exchange) {
        int limit = QueryParameters.limit(exchange, HistoryPage.MAX_LIMIT, HistoryPage.DEFAULT_LIMIT);
        long before = QueryParameters.messageId(exchange, "before");
        if (before >= 0) {
            return new HistoryPage.Before(before, limit);
        }
        long after = QueryParameters.messageId(exchange, "after");
        if (after >= 0) {
            return new HistoryPage.After(after, limit);
        }
        return new HistoryPage.Newest(limit);
    }

    private static TimeRange range(HttpServerExchange exchange) {
        return new TimeRange(
                Rfc3339.parse("from", requiredParameter(exchange, "from")),
                Rfc3339.parse("to", requiredParameter(exchange, "to")));
    }

    private void streamRange(HttpServerExchange exchange, RoomId room, TimeRange range) throws IOException {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        JsonGenerator json = Json.FACTORY.createGenerator(exchange.getOutputStream());
        // The array opens with the first row, so a database that fails before it still gets a clean JSON error.
        boolean[] opened = {false};
        history.readRange(room, range, message -> {
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

    private static void writePage(HttpServerExchange exchange, List<Message> messages) throws IOException {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        try (JsonGenerator json = Json.FACTORY.createGenerator(exchange.getOutputStream())) {
            json.writeStartArray();
            for (Message message : messages) {
                MessageJson.write(json, message);
            }
            json.writeEndArray();
        }
    }

    private static String requiredParameter(HttpServerExchange exchange, String name) {
        String value = QueryParameters.single(exchange, name);
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(name + " is required: an RFC 3339 timestamp such as 2025-02-01T00:00:00Z");
        }
        return value;
    }
}
