package dev.chatgopher.domain.port.in;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.MessageSink;
import java.io.IOException;
import java.util.List;

/** Reads stored messages back. */
public interface ReadHistoryUseCase {

    /** Streams the messages created within the range (both ends included), ordered by creation time then id. */
    void readRange(TimeRange range, MessageSink sink) throws IOException;

    /** Returns up to {@code limit} messages with ids above {@code afterId}, in id order: one page of catching up. */
    List<Message> readAfter(long afterId, int limit);
}
