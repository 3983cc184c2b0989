package dev.chatgopher.transport.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Closes the connection of a request whose body has not arrived whole within the deadline: a client that sends its
 * body a byte at a time (slow POST, R.U.D.Y.) would otherwise hold the connection for as long as the body limit
 * allows, since each byte resets every idle timer. Requests without a body, and a body read in time, are untouched.
 */
public final class BodyDeadlineHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BodyDeadlineHandler.class);

    private final HttpHandler next;
    private final long deadlineMillis;

    public BodyDeadlineHandler(HttpHandler next, Duration deadline) {
        this.next = next;
        this.deadlineMillis = deadline.toMillis();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!exchange.isRequestComplete()) {
            XnioExecutor.Key deadline =
                    exchange.getIoThread().executeAfter(() -> cutOff(exchange), deadlineMillis, TimeUnit.MILLISECONDS);
            exchange.addExchangeCompleteListener((done, proceed) -> {
                deadline.remove();
                proceed.proceed();
            });
        }
        next.handleRequest(exchange);
    }

    private void cutOff(HttpServerExchange exchange) {
        if (exchange.isRequestComplete() || exchange.isComplete()) {
            return;
        }
        LOG.debug(
                "{} {} from {}: the body did not arrive within {} ms; closing",
                exchange.getRequestMethod(),
                exchange.getRequestPath(),
                exchange.getSourceAddress(),
                deadlineMillis);
        IoUtils.safeClose(exchange.getConnection());
    }
}
