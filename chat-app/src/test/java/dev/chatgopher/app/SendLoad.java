package dev.chatgopher.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Senders that post one message after the other, each with a unique text used as its Idempotency-Key, and keep
 * every answer: what a fault test compares with what the database holds afterwards.
 */
final class SendLoad implements AutoCloseable {

    /** Longer than any answer may take: a send not answered by then counts as hanging. */
    static final Duration CLIENT_WAIT = Duration.ofSeconds(15);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One send and its answer; status 0 when none came within {@link #CLIENT_WAIT}. */
    record Answer(String text, long startedNanos, long answeredNanos, int status, long id) {}

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> senders;
    private final AtomicLong counter = new AtomicLong();

    private SendLoad(int port, int senders) {
        this.endpoint = URI.create("http://localhost:" + port + "/api/messages");
        this.senders = IntStream.range(0, senders)
                .mapToObj(i -> Thread.ofPlatform().name("sender-" + i).start(this::sendUntilStopped))
                .toList();
    }

    static SendLoad start(int port, int senders) {
        return new SendLoad(port, senders);
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** Waits until at least {@code count} sends were answered 200 after {@code sinceNanos}; false when the time ran out. */
    boolean awaitAcknowledgedAfter(long sinceNanos, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (answers.stream()
                            .filter(a -> a.status() == 200 && a.startedNanos() > sinceNanos)
                            .count()
                    >= count) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread sender : senders) {
            sender.join(CLIENT_WAIT.plusSeconds(5).toMillis());
        }
    }

    private void sendUntilStopped() {
        while (running.get()) {
            String text = "fault-" + counter.incrementAndGet();
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(CLIENT_WAIT)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", text)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sequence\": 1, \"text\": \"" + text + "\"}"))
                    .build();
            long started = System.nanoTime();
            int status = 0;
            long id = 0;
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                if (status == 200) {
                    id = JSON.readTree(response.body()).get("id").asLong();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception noAnswer) {
                status = 0;
            }
            answers.add(new Answer(text, started, System.nanoTime(), status, id));
            if (status != 200) {
                pause(); // a refused client backs off a little, as Retry-After asks
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every stored message's id by its text, read straight from the database. */
    static Map<String, Long> storedIdsByText(String jdbcUrl) throws SQLException {
        Map<String, Long> stored = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select id, text from messages")) {
            while (rows.next()) {
                stored.put(rows.getString("text"), rows.getLong("id"));
            }
        }
        return stored;
    }
}
