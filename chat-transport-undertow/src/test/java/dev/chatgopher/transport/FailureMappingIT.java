package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.domain.inmemory.InMemoryMessageStore;
import dev.chatgopher.domain.model.HistoryPage;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomListing;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.domain.model.RoomSummary;
import dev.chatgopher.domain.model.StoreUnavailableException;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.MessageSink;
import dev.chatgopher.domain.port.out.Appended;
import dev.chatgopher.domain.port.out.MessageStore;
import dev.chatgopher.domain.port.out.Submission;
import dev.chatgopher.domain.service.ChatCore;
import dev.chatgopher.domain.service.WriterSettings;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.WsClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Failures of the store become the right status with a JSON body, and never show a stack trace. */
class FailureMappingIT {

    private static final String RANGE = "/api/messages?from=2025-02-01T00:00:00Z&to=2025-02-02T00:00:00Z";

    @Test
    void an_unreachable_database_is_a_503_asking_to_retry() throws Exception {
        try (InMemoryChat chat = new InMemoryChat(new FailingStore(
                () -> new StoreUnavailableException("Connection to 127.0.0.1:5432 refused", new ConnectException())))) {
            HttpResponse<String> post = chat.http.postJson("{\"text\": \"hello\"}");
            HttpResponse<String> get = chat.http.get(RANGE);

            for (HttpResponse<String> response : List.of(post, get)) {
                assertEquals(503, response.statusCode());
                assertEquals(
                        "application/json",
                        response.headers().firstValue("Content-Type").orElseThrow());
                assertEquals("1", response.headers().firstValue("Retry-After").orElseThrow());
                assertEquals("the database is unavailable; try again shortly", Http.errorMessage(response));
            }
        }
    }

    @Test
    void an_overloaded_writer_is_a_503_asking_to_retry() throws Exception {
        // A writer with room for one waiting send, behind a store that holds the first batch.
        HangingStore hanging = new HangingStore();
        try (ChatCore core = ChatCore.over(hanging)
                        .writerSettings(new WriterSettings(1, 1, Duration.ofHours(1), Duration.ofSeconds(30)))
                        .start();
                ChatServer server = ChatServer.start(ServerSettings.ephemeral(), ChatUseCases.of(core))) {
            try {
                Http http = Http.onPort(server.port());
                CompletableFuture<HttpResponse<String>> withTheStore = postAsync(http, "with the store");
                hanging.entered.await();
                CompletableFuture<HttpResponse<String>> waiting = postAsync(http, "waiting");
                while (core.writer().waitingSends() < 1) {
                    Thread.sleep(5);
                }

                HttpResponse<String> response = http.postJson("{\"text\": \"one too many\"}");

                assertEquals(503, response.statusCode(), response.body());
                assertEquals("1", response.headers().firstValue("Retry-After").orElseThrow());
                assertEquals(
                        "too many messages are waiting to be stored (1); retry shortly", Http.errorMessage(response));
                hanging.release.countDown();
                assertEquals(200, withTheStore.get(10, TimeUnit.SECONDS).statusCode());
                assertEquals(200, waiting.get(10, TimeUnit.SECONDS).statusCode());
            } finally {
                hanging.release.countDown();
            }
        }
    }

    @Test
    void a_bug_is_a_generic_500_without_details() throws Exception {
        try (InMemoryChat chat = new InMemoryChat(new FailingStore(
                () -> new IllegalStateException("column \"secret_internal_detail\" does not exist")))) {
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
            public void readRange(RoomId room, TimeRange range, MessageSink sink) throws IOException {
                for (int i = 1; i <= 20_000; i++) {
                    sink.accept(new Message(i, room, null, i, "row " + i, Instant.parse("2025-02-01T12:00:00Z")));
                }
                throw new StoreUnavailableException("connection lost", null);
            }
        };
        try (InMemoryChat chat = new InMemoryChat(failsMidway)) {
            HttpRequest request =
                    HttpRequest.newBuilder(chat.http.uri(RANGE)).GET().build();

            // The status line is already out, so the only signal left is an answer that never completes.
            assertThrows(
                    IOException.class, () -> chat.http.client().send(request, HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void at_the_deadline_a_send_with_the_store_is_504_a_queued_one_503_and_a_socket_hears_which() throws Exception {
        HangingStore hanging = new HangingStore();
        try (InMemoryChat chat = new InMemoryChat(hanging);
                WsClient listener = WsClient.connect(chat.http.webSocketUri("/ws"))) {
            try {
                CompletableFuture<HttpResponse<String>> withTheStore = postAsync(chat.http, "with the store");
                hanging.entered.await();
                CompletableFuture<HttpResponse<String>> queued = postAsync(chat.http, "queued");
                listener.sendText("{\"sequence\": 3, \"text\": \"queued over the socket\"}");
                while (chat.writer.waitingSends() < 2) {
                    Thread.sleep(5);
                }

                chat.clock.advance(Duration.ofMillis(1_001));

                HttpResponse<String> unknown = withTheStore.get(10, TimeUnit.SECONDS);
                assertEquals(504, unknown.statusCode(), unknown.body());
                assertEquals(
                        "the outcome is unknown: the database did not confirm the message in time, it may still be stored;"
                                + " retry with the same Idempotency-Key",
                        Http.errorMessage(unknown));
                HttpResponse<String> notStored = queued.get(10, TimeUnit.SECONDS);
                assertEquals(503, notStored.statusCode(), notStored.body());
                assertEquals("1", notStored.headers().firstValue("Retry-After").orElseThrow());
                assertEquals(
                        "the database did not take the message within 1000 ms; it was not stored, try again shortly",
                        Http.errorMessage(notStored));
                assertEquals(
                        "the database did not take the message within 1000 ms; it was not stored, try again shortly",
                        Http.errorMessage(listener.next()));
                // The batch the store had commits after all: its message reaches the socket as usual.
                hanging.release.countDown();
                assertTrue(listener.next().contains("\"text\":\"with the store\""));
            } finally {
                hanging.release.countDown(); // never leave the writer stuck, or closing the chat would wait forever
            }
        }
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(Http http, String text) {
        HttpRequest request = HttpRequest.newBuilder(http.uri("/api/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sequence\": 1, \"text\": \"" + text + "\"}"))
                .build();
        return http.client().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The in-memory store, but an append waits until the test releases it, as on a database that stalls. */
    private static final class HangingStore extends FailingStore {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final InMemoryMessageStore stored = new InMemoryMessageStore();

        HangingStore() {
            super(() -> new IllegalStateException("not used"));
        }

        @Override
        public List<Appended> append(List<Submission> batch, Instant createdAt) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return stored.append(batch, createdAt);
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
        public void readRange(RoomId room, TimeRange range, MessageSink sink) throws IOException {
            throw failure.get();
        }

        @Override
        public List<Message> readPage(RoomId room, HistoryPage page) {
            throw failure.get();
        }

        @Override
        public List<Message> readAfter(RoomSelection rooms, long afterId, int limit) {
            throw failure.get();
        }

        @Override
        public List<RoomSummary> listRooms(RoomListing listing) {
            throw failure.get();
        }

        @Override
        public int forgetIdempotencyKeysBefore(Instant cutoff) {
            return 0;
        }
    }
}
