package dev.chatgopher.transport.auth;

import dev.chatgopher.domain.model.Author;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.transport.failure.RequestProblem;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.StatusCodes;
import java.time.Instant;
import java.util.Objects;

/**
 * Who sent a request, as its token says: the subject, the name shown as author, the rooms it may read and write,
 * and when the token expires. With tokens off every request is {@link #ANYONE}: no name, every room, no expiry.
 *
 * @param subject     the token's {@code sub}; null for {@link #ANYONE}
 * @param author    the author of what the caller sends: the token's {@code name}, else its {@code sub}, checked
 *                  once here rather than on every message; null for {@link #ANYONE}, whose requests keep the
 *                  author they name
 * @param expiresAt the token's {@code exp}; null for {@link #ANYONE}
 */
public record Caller(String subject, Author author, RoomRights read, RoomRights write, Instant expiresAt) {

    /** Where the authentication step leaves the caller on the exchange, before the routes run. */
    public static final AttachmentKey<Caller> ATTACHMENT = AttachmentKey.create(Caller.class);

    /** The caller of every request while tokens are off: may read and write every room, names its own author. */
    public static final Caller ANYONE = new Caller(null, null, RoomRights.EVERY_ROOM, RoomRights.EVERY_ROOM, null);

    public Caller {
        Objects.requireNonNull(read, "read");
        Objects.requireNonNull(write, "write");
        if ((subject == null) != (expiresAt == null) || (subject == null) != (author == null)) {
            throw new IllegalArgumentException("a caller has a subject, a name and an expiry, or none of them");
        }
    }

    /**
     * The caller the authentication step attached. Failing closed: a route reached without that step is a bug, not
     * an anonymous caller.
     */
    public static Caller of(HttpServerExchange exchange) {
        Caller caller = exchange.getAttachment(ATTACHMENT);
        if (caller == null) {
            throw new IllegalStateException(
                    "no caller on " + exchange.getRequestPath() + ": authentication did not run");
        }
        return caller;
    }

    /** Whether a token vouches for this caller (tokens on), as opposed to {@link #ANYONE}. */
    public boolean authenticated() {
        return subject != null;
    }

    /** The message as this caller may send it: with a token, its author is the token's name, whatever was asked. */
    public NewMessage attributed(NewMessage message) {
        if (!authenticated()) {
            return message;
        }
        return new NewMessage(message.room(), author, message.sequence(), message.text());
    }

    /** Refuses with 403 a room this caller may not write to. */
    public void requireWrite(RoomId room) {
        refuse(writeRefusal(room));
    }

    /** Refuses with 403 a room this caller may not read. */
    public void requireRead(RoomId room) {
        refuse(readRefusal(room));
    }

    /**
     * Why this caller may not write to the room, or null when it may: the one check of a write, answered 403 over
     * HTTP and as an error frame on a WebSocket.
     */
    public String writeRefusal(RoomId room) {
        return write.allows(room)
                ? null
                : "this token may not write to room " + room + " (its chat.write rights do not cover it)";
    }

    /** Why this caller may not read the room, or null when it may. */
    public String readRefusal(RoomId room) {
        return read.allows(room)
                ? null
                : "this token may not read room " + room + " (its chat.read rights do not cover it)";
    }

    /** Why this caller may not follow these rooms (the WebSocket upgrade), or null when it may. */
    public String readRefusal(RoomSelection followed) {
        if (read.allows(followed)) {
            return null;
        }
        return switch (followed) {
            case RoomSelection.AllRooms all ->
                "rooms=* needs the right to read every room (\"*\" in chat.read); name the rooms instead";
            case RoomSelection.Only only ->
                only.rooms().stream()
                        .map(this::readRefusal)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElseThrow();
        };
    }

    private static void refuse(String refusal) {
        if (refusal != null) {
            throw new RequestProblem(StatusCodes.FORBIDDEN, refusal);
        }
    }
}
