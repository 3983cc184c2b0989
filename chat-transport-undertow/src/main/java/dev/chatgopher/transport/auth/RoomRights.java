package dev.chatgopher.transport.auth;

import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomSelection;
import java.util.List;

/** The rooms a caller may read, or write: a list of {@link RoomPattern}s, any of which grants the room. */
public record RoomRights(List<RoomPattern> patterns) {

    /** Every room: {@code ["*"]}, what a caller has when tokens are off. */
    public static final RoomRights EVERY_ROOM = new RoomRights(List.of(new RoomPattern.AnyRoom()));
    /** No room at all: a token without the claim. */
    public static final RoomRights NONE = new RoomRights(List.of());

    public RoomRights {
        patterns = List.copyOf(patterns);
    }

    /**
     * The rights as written in a token claim, such as {@code ["general", "team-*"]}; the common {@code ["*"]} and
     * {@code []} are shared instances, since every open socket keeps its caller's rights.
     */
    public static RoomRights parse(List<String> patterns) {
        if (patterns.isEmpty()) {
            return NONE;
        }
        if (patterns.size() == 1 && "*".equals(patterns.getFirst())) { // a JSON null is no pattern either
            return EVERY_ROOM;
        }
        return new RoomRights(patterns.stream().map(RoomPattern::parse).toList());
    }

    public boolean allows(RoomId room) {
        for (RoomPattern pattern : patterns) {
            if (pattern.matches(room)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code *} is among them: the only right that covers rooms not created yet, as {@code rooms=*} needs. */
    public boolean allowsEveryRoom() {
        for (RoomPattern pattern : patterns) {
            if (pattern instanceof RoomPattern.AnyRoom) {
                return true;
            }
        }
        return false;
    }

    /** Whether every room of the selection is allowed; {@code *} needs {@link #allowsEveryRoom()}. */
    public boolean allows(RoomSelection selection) {
        return switch (selection) {
            case RoomSelection.AllRooms all -> allowsEveryRoom();
            case RoomSelection.Only only -> only.rooms().stream().allMatch(this::allows);
        };
    }
}
