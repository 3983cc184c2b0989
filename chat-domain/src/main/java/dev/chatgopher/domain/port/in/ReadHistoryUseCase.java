package dev.chatgopher.domain.port.in;

import dev.chatgopher.domain.model.HistoryPage;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomListing;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.domain.model.RoomSummary;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.MessageSink;
import java.io.IOException;
import java.util.List;

/** Reads stored messages and rooms back. A room nobody wrote to reads as empty. */
public interface ReadHistoryUseCase {

    /** Streams the room's messages created within the range (both ends included), by creation time then id. */
    void readRange(RoomId room, TimeRange range, MessageSink sink) throws IOException;

    /** One page of the room's messages by id, oldest first. */
    List<Message> readPage(RoomId room, HistoryPage page);

    /** Up to {@code limit} messages of the rooms with ids above {@code afterId}, in id order: one page of catching up. */
    List<Message> readAfter(RoomSelection rooms, long afterId, int limit);

    /** The rooms with messages, most recently active first. */
    List<RoomSummary> listRooms(RoomListing listing);
}
