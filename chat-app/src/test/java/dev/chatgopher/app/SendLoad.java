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
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Senders that post one message after the other, each with a unique text used as its Idempotency-Key, and keep
 * every answer: what a fault test compares with what the database holds afterwards. Against several servers
 * ({@link #acrossNodes}) a send not answered 200 is retried on the next server with the same key, as a client
 * behind a load balancer would.
 */
final class SendLoad implements AutoCloseable {

    /** Longer than any answer may take: a send not answered by then counts as hanging. */
    static final Duration CLIENT_WAIT = Duration.ofSeconds(15);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The most tries of one send across several servers: a restarting node costs one or two. */
    private static final int FAILOVER_ATTEMPTS = 10;

    /** One send and its answer (the last try's); status 0 when none came within {@link #CLIENT_WAIT}. */
    record Answer(String text, long startedNanos, long answeredNanos, int status, long id) {}

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<URI> endpoints;
    private final String prefix;
    private final int attempts;
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> senders;
    private final AtomicLong counter = new AtomicLong();

    private SendLoad(String prefix, List<Integer> ports, int attempts, int senders) {
        this.prefix = prefix;
        this.endpoints = ports.stream()
                .map(port -> URI.create("http://localhost:" + port + "/api/messages"))
                .toList();
        this.attempts = attempts;
        this.senders = IntStream.range(0, senders)
                .mapToObj(i -> Thread.ofPlatform().name("sender-" + i).start(() -> sendUntilStopped(i)))
                .toList();
    }

    /** Senders to one server; a send not answered 200 is kept as it was answered, and the next one is new. */
    static SendLoad start(int port, int senders) {
        return new SendLoad("fault-", List.of(port), 1, senders);
    }

    /**
     * Senders spread round robin over the servers on {@code ports}, each send retried on the next server with the
     * same text and key until one answers 200, a few times at most. {@code prefix} begins every text (and key).
     */
    static SendLoad acrossNodes(String prefix, List<Integer> ports, int senders) {
        return new SendLoad(prefix, ports, FAILOVER_ATTEMPTS, senders);
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

    private void sendUntilStopped(int sender) {
        int server = sender;
        while (running.get()) {
            String text = prefix + counter.incrementAndGet();
            long started = System.nanoTime();
            Answer answer = send(endpoints.get(server % endpoints.size()), text, started);
            for (int tries = 1; answer != null && answer.status() != 200 && tries < attempts; tries++) {
                pause();
                server++; // the next server, as a load balancer would pick another
                answer = send(endpoints.get(server % endpoints.size()), text, started);
            }
            if (answer == null) {
                return; // interrupted
            }
            answers.add(answer);
            if (answer.status() != 200) {
                pause(); // a refused client backs off a little, as Retry-After asks
            }
        }
    }

    /** One try of the send of {@code text}; null when the sender was interrupted. */
    private Answer send(URI endpoint, String text, long started) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(CLIENT_WAIT)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", text)
                .POST(HttpRequest.BodyPublishers.ofString("{\"sequence\": 1, \"text\": \"" + text + "\"}"))
                .build();
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
            return null;
        } catch (Exception noAnswer) {
            status = 0;
        }
        return new Answer(text, started, System.nanoTime(), status, id);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The texts of the sends answered 200 whose id is not the one {@code stored} holds for their text. */
    static List<String> acknowledgedButNotStored(List<Answer> answers, Map<String, Long> stored) {
        return answers.stream()
                .filter(a -> a.status() == 200 && !Long.valueOf(a.id()).equals(stored.get(a.text())))
                .map(Answer::text)
                .toList();
    }

    /** How many sends there were, and how many of them were answered with each status. */
    static String summary(List<Answer> answers) {
        return answers.size() + " sends, by status "
                + answers.stream().collect(Collectors.groupingBy(Answer::status, Collectors.counting()));
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
