package dev.chatgopher.transport.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per finished request on the {@code dev.chatgopher.access} logger, at DEBUG so a busy server stays quiet.
 * The query is shown with {@code access_token} redacted ({@link RequestTarget}); headers are never shown.
 */
public final class AccessLogHandler implements HttpHandler {

    private static final Logger ACCESS = LoggerFactory.getLogger("dev.chatgopher.access");

    private final HttpHandler next;

    public AccessLogHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (ACCESS.isDebugEnabled()) {
            long started = System.nanoTime();
            exchange.addExchangeCompleteListener((done, nextListener) -> {
                ACCESS.debug(
                        "{} {} {} {} {}ms",
                        done.getSourceAddress(),
                        done.getRequestMethod(),
                        RequestTarget.forLog(done),
                        done.getStatusCode(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                nextListener.proceed();
            });
        }
        next.handleRequest(exchange);
    }
}
