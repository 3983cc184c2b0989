package dev.chatgopher.transport.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.function.Supplier;

/** {@code GET /metrics}: the server's metrics in the Prometheus text format; a scrape blocks, so run it on a worker thread. */
public final class MetricsHandler implements HttpHandler {

    private final Supplier<String> scrape;

    public MetricsHandler(Supplier<String> scrape) {
        this.scrape = scrape;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String text = scrape.get();
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        exchange.getResponseSender().send(text);
    }
}
