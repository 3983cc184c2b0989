package dev.chatgopher.transport;

import dev.chatgopher.domain.inmemory.InMemoryMessageStore;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.domain.port.out.MessageStore;
import dev.chatgopher.domain.service.ChatCore;
import dev.chatgopher.domain.service.GroupCommitWriter;
import dev.chatgopher.domain.testing.MutableClock;
import dev.chatgopher.transport.limits.RequestIdentity;
import dev.chatgopher.transport.testing.Http;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A real server on a free port over the domain's core (in-memory adapters, the real writer), with a clock the test moves. */
final class InMemoryChat implements AutoCloseable {

    private static final String MARKER = "marker: everything sent before me is stored";

    static final Instant START = Instant.parse("2025-02-01T12:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final ChatCore core;
    final MessageStore store;
    final GroupCommitWriter writer;
    final ChatServer server;
    /** The meters the server records its figures in, such as {@code chat.http.requests}. */
    final MeterRegistry meters;

    final Http http;

    InMemoryChat() {
        this(new InMemoryMessageStore());
    }

    InMemoryChat(MessageStore store) {
        this(store, ServerSettings.ephemeral());
    }

    InMemoryChat(ServerSettings settings) {
        this(new InMemoryMessageStore(), settings);
    }

    InMemoryChat(MessageStore store, ServerSettings settings) {
        this(store, settings, RequestIdentity.CLIENT_ADDRESS);
    }

    /** A server whose limits count requests against the given identity (as a token's subject would). */
    InMemoryChat(ServerSettings settings, RequestIdentity identity) {
        this(new InMemoryMessageStore(), settings, identity);
    }

    private InMemoryChat(MessageStore store, ServerSettings settings, RequestIdentity identity) {
        this.core = ChatCore.over(store).clock(clock).start();
        this.store = core.store();
        this.writer = core.writer();
        ServerOperations operations = ServerOperations.inMemory();
        this.meters = operations.meters();
        this.server = ChatServer.start(settings, ChatUseCases.of(core), operations, identity);
        this.http = Http.onPort(server.port());
    }

    /** Settings with the given edge settings. */
    static ServerSettings with(EdgeSettings edge) {
        return ServerSettings.ephemeral().withEdge(edge);
    }

    /** A message for the default room without an author, as the original endpoints send them. */
    static NewMessage general(long sequence, String text) {
        return new NewMessage(RoomId.GENERAL, null, sequence, text);
    }

    /**
     * The texts stored so far, in id order. A marker is sent over HTTP first and its answer awaited: the single
     * writer keeps order, so every send handed to it before the marker is stored by then; the marker is left out.
     */
    List<String> storedTexts() {
        HttpResponse<String> marker = http.postJson("{\"text\": \"" + MARKER + "\"}");
        if (marker.statusCode() != 200) {
            throw new AssertionError("the marker was not stored: " + marker.statusCode() + " " + marker.body());
        }
        return store.readAfter(RoomSelection.all(), 0, 10_000).stream()
                .map(Message::text)
                .filter(text -> !text.equals(MARKER))
                .toList();
    }

    /** Waits until the server has let go of every WebSocket: it has read all it ever will from them. */
    void awaitNoWebSocketSessions() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.webSocketSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (server.webSocketSessions() > 0) {
            throw new AssertionError(server.webSocketSessions() + " WebSocket sessions still open");
        }
    }

    @Override
    public void close() {
        server.close();
        core.close();
    }
}
