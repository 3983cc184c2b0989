package dev.chatgopher.transport.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.chatgopher.domain.model.RoomListing;
import dev.chatgopher.domain.model.RoomSummary;
import dev.chatgopher.domain.port.in.ReadHistoryUseCase;
import dev.chatgopher.transport.auth.Caller;
import dev.chatgopher.transport.json.Json;
import dev.chatgopher.transport.json.RoomSummaryJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET /api/rooms?limit=&prefix=}: the rooms with messages, most recently active first; with tokens on, only
 * those the caller may read ({@link ReadableRooms}). It blocks: run it inside a {@link ErrorMappingHandler#blocking}.
 */
public final class ListRoomsHandler implements HttpHandler {

    private final ReadHistoryUseCase history;

    public ListRoomsHandler(ReadHistoryUseCase history) {
        this.history = history;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        String prefix = QueryParameters.single(exchange, "prefix");
        int limit = QueryParameters.limit(exchange, RoomListing.MAX_LIMIT, RoomListing.DEFAULT_LIMIT);
        RoomListing listing = new RoomListing(prefix == null ? "" : prefix, limit);
        List<RoomSummary> rooms =
                ReadableRooms.list(history, Caller.of(exchange).read(), listing);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        try (JsonGenerator json = Json.FACTORY.createGenerator(exchange.getOutputStream())) {
            json.writeStartArray();
            for (RoomSummary room : rooms) {
                RoomSummaryJson.write(json, room);
            }
            json.writeEndArray();
        }
    }
}
