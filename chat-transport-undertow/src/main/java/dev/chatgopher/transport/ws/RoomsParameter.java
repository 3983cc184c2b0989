package dev.chatgopher.transport.ws;

import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.transport.RoomSettings;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code rooms} query parameter of {@code /ws}: absent for the default room, {@code *} for every room, or a
 * comma-separated list of distinct room ids, at most {@link RoomSettings#maxPerConnection()} of them.
 */
final class RoomsParameter {

    private static final String SHAPE = "a comma-separated list of room ids such as rooms=general,random, or rooms=*";

    private RoomsParameter() {}

    /** The rooms asked for; a refusal is an {@link InvalidInputException} saying what to send instead. */
    static RoomSelection parse(Deque<String> values, RoomSettings settings) {
        if (values == null || values.isEmpty()) {
            return RoomSelection.only(settings.defaultRoom());
        }
        if (values.size() > 1) {
            throw new InvalidInputException("rooms must be given once: " + SHAPE);
        }
        String value = values.getFirst();
        if (value.equals("*")) {
            return RoomSelection.all();
        }
        if (value.isEmpty()) {
            throw new InvalidInputException("rooms must name at least one room: " + SHAPE);
        }
        String[] names = value.split(",", -1);
        if (names.length > settings.maxPerConnection()) {
            throw new InvalidInputException("rooms names " + names.length + " rooms; one connection may follow at most "
                    + settings.maxPerConnection() + ", or every room with rooms=*");
        }
        Set<RoomId> rooms = new LinkedHashSet<>();
        for (int i = 0; i < names.length; i++) {
            if (names[i].isEmpty()) {
                throw new InvalidInputException(
                        "rooms has an empty name at position " + (i + 1) + ": separate room ids with single commas");
            }
            RoomId room;
            try {
                room = RoomId.of(names[i]);
            } catch (InvalidInputException invalid) {
                throw new InvalidInputException("rooms: " + invalid.getMessage());
            }
            if (!rooms.add(room)) {
                throw new InvalidInputException("rooms names " + room + " twice: name each room once");
            }
        }
        return RoomSelection.only(rooms);
    }
}
