package dev.chatgopher.transport.http;

import dev.chatgopher.domain.model.RoomId;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;

/** Which room a request is about: one fixed room (the original endpoints), or the one its path names. */
@FunctionalInterface
public interface RoomOfRequest {

    /** The room; a name that breaks the rule is refused with a 400 naming it ({@link RoomId#RULE}). */
    RoomId of(HttpServerExchange exchange);

    static RoomOfRequest fixed(RoomId room) {
        return exchange -> room;
    }

    /** The {@code {room}} of a path template such as {@code /api/rooms/{room}/messages}. */
    static RoomOfRequest fromPath() {
        return exchange -> {
            PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
            return RoomId.of(match == null ? null : match.getParameters().get("room"));
        };
    }
}
