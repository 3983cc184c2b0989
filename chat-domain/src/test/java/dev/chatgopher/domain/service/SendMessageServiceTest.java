package dev.chatgopher.domain.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chatgopher.domain.inmemory.InMemoryMessageFeed;
import dev.chatgopher.domain.inmemory.InMemoryMessageStore;
import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.TextLengthLimit;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.testing.MutableClock;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SendMessageServiceTest {

    private static final Instant NOW = Instant.parse("2025-02-01T12:00:00.123456789Z");

    private final InMemoryMessageStore store = new InMemoryMessageStore();
    private final InMemoryMessageFeed feed = new InMemoryMessageFeed();
    private final MutableClock clock = new MutableClock(NOW);
    private final List<Message> published = new ArrayList<>();
    private SendMessageService service;

    @BeforeEach
    void wire() {
        feed.subscribe(published::addAll);
        service = new SendMessageService(store, feed, TextLengthLimit.DEFAULT, clock);
    }

    @Test
    void stores_the_message_with_an_id_and_the_clock_time_in_microseconds() {
        Message sent = service.send(new NewMessage(1, "Hello, World!")).join();

        assertEquals(new Message(sent.id(), 1, "Hello, World!", Instant.parse("2025-02-01T12:00:00.123456Z")), sent);
        assertEquals(List.of(sent), history());
    }

    @Test
    void publishes_the_stored_message_to_subscribers() {
        Message first = service.send(new NewMessage(1, "first")).join();
        Message second = service.send(new NewMessage(2, "second")).join();

        assertEquals(List.of(first, second), published);
    }

    @Test
    void refuses_text_longer_than_the_limit_and_stores_nothing() {
        CompletionException e = assertThrows(CompletionException.class,
                () -> service.send(new NewMessage(1, "x".repeat(129))).join());

        assertInstanceOf(InvalidInputException.class, e.getCause());
        assertEquals(List.of(), history());
        assertEquals(List.of(), published);
    }

    @Test
    void honours_a_configured_text_limit() {
        SendMessageService strict = new SendMessageService(store, feed, new TextLengthLimit(3), clock);

        strict.send(new NewMessage(1, "abc")).join();
        assertThrows(CompletionException.class, () -> strict.send(new NewMessage(2, "abcd")).join());
        assertEquals(1, history().size());
    }

    private List<Message> history() {
        List<Message> all = new ArrayList<>();
        try {
            store.readRange(new TimeRange(Instant.EPOCH, Instant.parse("3000-01-01T00:00:00Z")), all::add);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return all;
    }
}
