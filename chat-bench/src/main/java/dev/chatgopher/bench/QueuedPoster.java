package dev.chatgopher.bench;

import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One keep-alive connection that POSTs messages queued to it, one request at a time, in order. A connection that
 * failed or timed out is replaced by a new one for the next request. The caller paces; the queue absorbs the
 * time a slow answer holds the connection (and the caller, timing from when a send was due, sees it).
 */
final class QueuedPoster implements AutoCloseable {

    /** A request waiting its turn: where to, the body, extra headers, and who hears how it ended. */
    record Request(String path, String json, Map<String, String> headers, Answered answered) {
        /** To {@code POST /api/messages}, the default room. */
        Request(String json, Map<String, String> headers, Answered answered) {
            this(DEFAULT_PATH, json, headers, answered);
        }
    }

    /** How a request ended: as {@link HttpPoster.Completion}, with the status 0 and a failure when there was no answer. */
    @FunctionalInterface
    interface Answered {
        void answered(int status, HttpPoster.Answer body, IOException failure);
    }

    private static final String DEFAULT_PATH = "/api/messages";

    private final LoadClient client;
    private final URI base;
    private final int index;
    private final Duration timeout;
    private final String authorization;
    private final Queue<Request> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile HttpPoster poster;

    /** Connects from the {@code index}-th source address; {@code timeout} (or null) bounds each answer. */
    QueuedPoster(LoadClient client, URI base, int index, Duration timeout) throws IOException, InterruptedException {
        this(client, base, index, timeout, null);
    }

    /** As above, every request with {@code Authorization: authorization} (when not null), over every connection. */
    QueuedPoster(LoadClient client, URI base, int index, Duration timeout, String authorization)
            throws IOException, InterruptedException {
        this.client = client;
        this.base = base;
        this.index = index;
        this.timeout = timeout;
        this.authorization = authorization;
        this.poster =
                new HttpPoster(client.connectHttp(base, index), client.buffers(), base.getAuthority(), authorization);
    }

    void submit(Request request) {
        queue.add(request);
        sendNextIfIdle();
    }

    private void sendNextIfIdle() {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        Request request = queue.poll();
        if (request == null) {
            busy.set(false);
            if (!queue.isEmpty()) {
                sendNextIfIdle();
            }
            return;
        }
        HttpPoster current = poster;
        if (current.isOpen()) {
            send(current, request);
            return;
        }
        client.connectHttp(base, index, new ClientCallback<>() {
            @Override
            public void completed(ClientConnection connection) {
                HttpPoster replacement =
                        new HttpPoster(connection, client.buffers(), base.getAuthority(), authorization);
                poster = replacement;
                send(replacement, request);
            }

            @Override
            public void failed(IOException failure) {
                finish(request, 0, null, failure);
            }
        });
    }

    private void send(HttpPoster current, Request request) {
        current.post(
                request.path(),
                request.json(),
                request.headers(),
                timeout,
                (status, body, failure) -> finish(request, status, body, failure));
    }

    private void finish(Request request, int status, HttpPoster.Answer body, IOException failure) {
        try {
            request.answered().answered(status, body, failure);
        } finally {
            busy.set(false);
            // On an IO thread of its own: a closed connection fails the next request at once, and a long queue
            // would otherwise recurse through every one of them.
            client.execute(this::sendNextIfIdle);
        }
    }

    /** Waits until everything queued was answered, or the deadline; returns how many requests were left. */
    long awaitIdle(long deadlineNanos) throws InterruptedException {
        while ((busy.get() || !queue.isEmpty()) && System.nanoTime() < deadlineNanos) {
            Thread.sleep(5);
        }
        return queue.size() + (busy.get() ? 1 : 0);
    }

    /** Drops what is still queued, unsent; returns how many. */
    int discardQueued() {
        int discarded = 0;
        while (queue.poll() != null) {
            discarded++;
        }
        return discarded;
    }

    @Override
    public void close() throws IOException {
        poster.close();
    }
}
