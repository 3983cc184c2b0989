package dev.chatgopher.transport.health;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.chatgopher.transport.json.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /health/live} and {@code GET /health/ready}: 200 when every check passes, 503 otherwise, with a body
 * naming each check: {@code {"status":"up","checks":[{"name":"database","status":"up","detail":"..."}]}}.
 */
public final class HealthHandler implements HttpHandler {

    private final Supplier<List<HealthCheck>> checks;

    private HealthHandler(Supplier<List<HealthCheck>> checks) {
        this.checks = checks;
    }

    /** Liveness: the process serves HTTP, which answering at all proves. */
    public static HealthHandler live() {
        return new HealthHandler(() -> List.of(HealthCheck.up("http", "serving requests")));
    }

    /** Readiness: the server can take traffic now. */
    public static HealthHandler ready(Readiness readiness) {
        return new HealthHandler(readiness::checks);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        List<HealthCheck> results = checks.get();
        boolean up = results.stream().allMatch(HealthCheck::up);
        exchange.setStatusCode(up ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(ByteBuffer.wrap(encode(up, results)));
    }

    private static byte[] encode(boolean up, List<HealthCheck> results) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(256)) {
            try (JsonGenerator json = Json.FACTORY.createGenerator(bytes)) {
                json.writeStartObject();
                json.writeStringField("status", up ? "up" : "down");
                json.writeArrayFieldStart("checks");
                for (HealthCheck check : results) {
                    json.writeStartObject();
                    json.writeStringField("name", check.name());
                    json.writeStringField("status", check.up() ? "up" : "down");
                    json.writeStringField("detail", check.detail());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }
}
