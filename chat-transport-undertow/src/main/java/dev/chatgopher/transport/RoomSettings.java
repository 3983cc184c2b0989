package dev.chatgopher.transport;

import dev.chatgopher.domain.model.RoomId;
import java.util.Objects;

/**
 * Rooms as the transport serves them.
 *
 * @param defaultRoom      the room of the original endpoints: {@code /api/messages} and a plain {@code /ws}
 * @param maxPerConnection most rooms one WebSocket may follow by name ({@code rooms=a,b,c}); {@code rooms=*} is
 *                         one subscription, not counted against it
 */
public record RoomSettings(RoomId defaultRoom, int maxPerConnection) {

    /** {@code general}, and at most 100 rooms per connection. */
    public static final RoomSettings DEFAULT = new RoomSettings(RoomId.GENERAL, 100);

    public RoomSettings {
        Objects.requireNonNull(defaultRoom, "defaultRoom");
        if (maxPerConnection < 1) {
            throw new IllegalArgumentException(
                    "a connection must be allowed at least one room, got " + maxPerConnection);
        }
    }
}
