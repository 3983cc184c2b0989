package dev.chatgopher.domain.port.in;

import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.MessageSink;
import java.io.IOException;

/** Reads stored messages back, oldest first. */
public interface ReadHistoryUseCase {

    /** Streams the messages created within the range (both ends included), ordered by creation time then id. */
    void readRange(TimeRange range, MessageSink sink) throws IOException;
}
