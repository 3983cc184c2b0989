package dev.chatgopher.transport.http;

import dev.chatgopher.domain.model.IdempotencyKey;
import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.port.in.SendMessageUseCase;
import dev.chatgopher.transport.auth.Caller;
import dev.chatgopher.transport.failure.RequestProblem;
import dev.chatgopher.transport.json.MessageJson;
import dev.chatgopher.transport.json.SendRequestParser;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * {@code POST /api/rooms/{room}/messages}, and {@code POST /api/messages} for the default room: reads the body without blocking, hands the message to the writer and answers
 * when it is committed, without holding a thread while it waits. An {@code Idempotency-Key} header makes a
 * retried request answer the message stored the first time. With tokens on, the caller must have the write right on
 * the room, and the author is the token's name whatever the body says.
 */
public final class PostMessageHandler implements HttpHandler {

    private static final HttpString IDEMPOTENCY_KEY = new HttpString("Idempotency-Key");

    private final SendMessageUseCase sendMessage;
    private final RoomOfRequest rooms;
    private final ErrorResponses errors;
    private final int maxBodyBytes;

    public PostMessageHandler(
            SendMessageUseCase sendMessage, RoomOfRequest rooms, ErrorResponses errors, int maxBodyBytes) {
        this.sendMessage = sendMessage;
        this.rooms = rooms;
        this.errors = errors;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        // This route's limit, below Undertow's (see LingeringClose.undertowEntityLimit): an error answered before
        // the body is read leaves a longer body to a lingering close rather than to Undertow's drain.
        exchange.setMaxEntitySize(maxBodyBytes);
        RoomId room = rooms.of(exchange);
        Caller caller = Caller.of(exchange);
        caller.requireWrite(room);
        requireJsonContentType(exchange);
        exchange.getRequestReceiver().setMaxBufferSize(maxBodyBytes);
        exchange.getRequestReceiver()
                .receiveFullBytes((received, body) -> send(received, caller, room, body), errors::bodyUnreadable);
    }

    private void send(HttpServerExchange exchange, Caller caller, RoomId room, byte[] body) {
        try {
            NewMessage message = caller.attributed(SendRequestParser.parse(body, room));
            var committed = sendMessage.send(message, idempotencyKey(exchange, caller));
            exchange.dispatch(
                    SameThreadExecutor.INSTANCE,
                    () -> committed.whenComplete((stored, failure) -> exchange.getIoThread()
                            .execute(() -> {
                                if (failure != null) {
                                    errors.send(exchange, failure);
                                } else {
                                    respond(exchange, stored);
                                }
                            })));
        } catch (RuntimeException e) {
            errors.send(exchange, e);
        }
    }

    /**
     * The optional {@code Idempotency-Key} header: a retry with the same key returns the same message. With a token
     * the key is the subject's own: another subject's same key is another key.
     */
    private static IdempotencyKey idempotencyKey(HttpServerExchange exchange, Caller caller) {
        HeaderValues values = exchange.getRequestHeaders().get(IDEMPOTENCY_KEY);
        if (values == null) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidInputException("Idempotency-Key must be given once");
        }
        IdempotencyKey key = new IdempotencyKey(values.getFirst());
        return caller.authenticated() ? key.scopedTo(caller.subject()) : key;
    }

    private static void respond(HttpServerExchange exchange, Message stored) {
        exchange.setStatusCode(StatusCodes.OK);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ByteBuffer.wrap(MessageJson.encode(stored)));
    }

    /** No Content-Type is taken as JSON (as the original did); anything else but JSON in UTF-8 is refused. */
    private static void requireJsonContentType(HttpServerExchange exchange) {
        HeaderValues contentTypes = exchange.getRequestHeaders().get(Headers.CONTENT_TYPE);
        if (contentTypes == null) {
            return;
        }
        if (contentTypes.size() > 1) {
            // Two media types cannot both be right, and the first is not more right than the last.
            throw new InvalidInputException("Content-Type must be given once");
        }
        String contentType = contentTypes.getFirst();
        String[] parts = contentType.split(";");
        boolean json = parts[0].trim().equalsIgnoreCase("application/json");
        for (int i = 1; i < parts.length && json; i++) {
            String[] parameter = parts[i].trim().split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset")) {
                String charset = parameter.length > 1
                        ? parameter[1].trim().replace("\"", "").toLowerCase(Locale.ROOT)
                        : "";
                json = charset.equals("utf-8") || charset.equals("utf8");
            }
        }
        if (!json) {
            throw new RequestProblem(
                    StatusCodes.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json (UTF-8), got " + contentType);
        }
    }
}
