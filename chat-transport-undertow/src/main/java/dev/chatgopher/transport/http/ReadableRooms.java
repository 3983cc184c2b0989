package dev.chatgopher.transport.http;

import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomListing;
import dev.chatgopher.domain.model.RoomSummary;
import dev.chatgopher.domain.port.in.ReadHistoryUseCase;
import dev.chatgopher.transport.auth.RoomPattern;
import dev.chatgopher.transport.auth.RoomRights;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The most recently active rooms a caller may read. Filtering one page of every room would return fewer rooms than
 * there are readable ones whenever unreadable rooms fill the page; instead each pattern of the rights is listed on
 * its own (a prefix pattern as a prefix, so every row is readable), and the lists are merged, newest first, to the
 * limit: each room of the answer is among the newest {@code limit} of its own pattern, so none is missed.
 */
final class ReadableRooms {

    private static final Comparator<RoomSummary> MOST_RECENT_FIRST =
            Comparator.comparingLong(RoomSummary::lastId).reversed();

    private ReadableRooms() {}

    static List<RoomSummary> list(ReadHistoryUseCase history, RoomRights readable, RoomListing listing) {
        if (readable.allowsEveryRoom()) {
            return history.listRooms(listing);
        }
        Map<RoomId, RoomSummary> found = new HashMap<>();
        for (RoomPattern pattern : readable.patterns()) {
            Optional<String> prefix = pattern.listingPrefixWithin(listing.prefix());
            if (prefix.isEmpty()) {
                continue;
            }
            if (pattern instanceof RoomPattern.Exact exact) {
                exactRoom(history, exact.room(), prefix.get(), listing.limit())
                        .ifPresent(room -> found.put(room.room(), room));
            } else {
                for (RoomSummary room : history.listRooms(new RoomListing(prefix.get(), listing.limit()))) {
                    found.put(room.room(), room);
                }
            }
        }
        return found.values().stream()
                .sorted(MOST_RECENT_FIRST)
                .limit(listing.limit())
                .toList();
    }

    /**
     * One room by name, found among the rooms its name is a prefix of ({@code team} among {@code team-1}...):
     * first in a page of the limit, then, if those neighbours filled it, in the largest page a listing allows.
     */
    private static Optional<RoomSummary> exactRoom(ReadHistoryUseCase history, RoomId room, String prefix, int limit) {
        for (int asked : new int[] {limit, RoomListing.MAX_LIMIT}) {
            List<RoomSummary> page = history.listRooms(new RoomListing(prefix, asked));
            for (RoomSummary summary : page) {
                if (summary.room().equals(room)) {
                    return Optional.of(summary);
                }
            }
            if (page.size() < asked) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
