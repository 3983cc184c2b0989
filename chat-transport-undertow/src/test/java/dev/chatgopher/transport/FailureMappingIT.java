package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chatgopher.domain.inmemory.InMemoryMessageFeed;
import dev.chatgopher.domain.inmemory.InMemoryMessageStore;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.OverloadedException;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.MessageSink;
import dev.chatgopher.domain.port.out.Appended;
import dev.chatgopher.domain.port.out.MessageStore;
import dev.chatgopher.domain.model.StoreUnavailableException;
import dev.chatgopher.domain.port.out.Submission;
import dev.chatgopher.domain.service.ReadHistoryService;
import dev.chatgopher.domain.service.SubscribeService;
import dev.chatgopher.transport.testing.Http;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Failures of the store become the right status with a JSON body, and never show a stack trace. */
class FailureMappingIT {

    private static final String RANGE = "/api/messages?from=2025-02-01T00:00:00Z&to=2025-02-02T00:00:00Z";

    @Test
    void an_unreachable_database_is_a_503_asking_to_retry() throws Exception {
        try (InMemoryChat chat = new InMemoryChat(new FailingStore(() ->
                new StoreUnavailableException("Connection to 127.0.0.1:5432 refused", new ConnectException())))) {
            HttpResponse<String> post = chat.http.postJson("{\"text\": \"hello\"}");
            HttpResponse<String> get = chat.http.get(RANGE);

            for (HttpResponse<String> response : List.of(post, get)) {
                assertEquals(503, response.statusCode());
                assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
                assertEquals("1", response.headers().firstValue("Retry-After").orElseThrow());
                assertEquals("the database is unavailable; try again shortly", Http.errorMessage(response));
            }
        }
    }

    @Test
    void an_overloaded_writer_is_a_503_asking_to_retry() throws Exception {
        InMemoryMessageFeed feed = new InMemoryMessageFeed();
        InMemoryMessageStore store = new InMemoryMessageStore();
        ChatUseCases overloaded = new ChatUseCases(
                (message, key) -> CompletableFuture.failedFuture(new OverloadedException("too many messages are waiting to be stored (10000); retry shortly")),
                new ReadHistoryService(store), new SubscribeService(feed));
        try (ChatServer server = ChatServer.start(ServerSettings.ephemeral(), overloaded)) {
            HttpResponse<String> response = Http.onPort(server.port()).postJson("{\"text\": \"hello\"}");

            assertEquals(503, response.statusCode());
            assertEquals("1", response.headers().firstValue("Retry-After").orElseThrow());
            assertEquals("too many messages are waiting to be stored (10000); retry shortly", Http.errorMessage(response));
        }
    }

    @Test
    void a_bug_is_a_generic_500_without_details() throws Exception {
        try (InMemoryChat chat = new InMemoryChat(new FailingStore(() ->
                new IllegalStateException("column \"secret_internal_detail\" does not exist")))) {
            HttpResponse<String> post = chat.http.postJson("{\"text\": \"hello\"}");
            HttpResponse<String> get = chat.http.get(RANGE);

            for (HttpResponse<String> response : List.of(post, get)) {
                assertEquals(500, response.statusCode());
                assertEquals("{\"error\":\"internal server error\"}", response.body());
                assertFalse(response.body().contains("secret_internal_detail"));
            }
        }
    }

    @Test
    void a_failure_in_the_middle_of_a_streamed_history_cuts_the_answer_short() {
        MessageStore failsMidway = new FailingStore(() -> new StoreUnavailableException("connection lost", null)) {
            @Override
            public void readRange(TimeRange range, MessageSink sink) throws IOException {
                for (int i = 1; i <= 20_000; i++) {
                    sink.accept(new Message(i, i, "row " + i, Instant.parse("2025-02-01T12:00:00Z")));
                }
                throw new StoreUnavailableException("connection lost", null);
            }
        };
        try (InMemoryChat chat = new InMemoryChat(failsMidway)) {
            HttpRequest request = HttpRequest.newBuilder(chat.http.uri(RANGE)).GET().build();

            // The status line is already out, so the only signal left is an answer that never completes.
            assertThrows(IOException.class, () -> chat.http.client().send(request, HttpResponse.BodyHandlers.ofString()));
        }
    }

    /** A store whose every operation fails with the given exception. */
    private static class FailingStore implements MessageStore {
        private final Supplier<RuntimeException> failure;

        FailingStore(Supplier<RuntimeException> failure) {
            this.failure = failure;
        }

        @Override
        public List<Appended> append(List<Submission> batch, Instant createdAt) {
            throw failure.get();
        }

        @Override
        public void readRange(TimeRange range, MessageSink sink) throws IOException {
            throw failure.get();
        }

        @Override
        public List<Message> readAfter(long afterId, int limit) {
            throw failure.get();
        }

        @Override
        public int forgetIdempotencyKeysBefore(Instant cutoff) {
            return 0;
        }
    }
}
