package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.app.SendLoad.Answer;
import dev.chatgopher.testkit.PostgresCluster;
import dev.chatgopher.testkit.PrivatePostgres;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The assembled server on a private PostgreSQL cluster that the test freezes, stops and kicks while senders post
 * and a WebSocket client listens. Every test asserts outcomes only: every send answered, the answers the issue
 * promises, nothing acknowledged lost, nothing answered 503 stored, the listener still connected and complete.
 */
class DatabaseFaultsIT {

    @RegisterExtension
    static final PrivatePostgres POSTGRES = new PrivatePostgres();

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final int SENDERS = 8;
    /** Four times the default 1 s answer timeout: sends overlapping it must be answered while it lasts. */
    private static final Duration OUTAGE = Duration.ofSeconds(4);

    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(30);

    private final String database = "faults_" + DATABASES.incrementAndGet();

    @Test
    void a_frozen_database_gets_sends_answered_while_it_is_frozen_and_loses_nothing() throws Exception {
        try (ChatApplication app = startOnNewDatabase();
                WsClient listener = WsClient.connect(Http.onPort(app.port()).webSocketUri("/ws"))) {
            SendLoad load = SendLoad.start(app.port(), SENDERS);
            assertTrue(load.awaitAcknowledgedAfter(0, 20, RECOVERY_WAIT), "no sends before the fault");

            cluster().freeze();
            Thread.sleep(OUTAGE);
            long thawedAt = System.nanoTime();
            cluster().thaw();

            assertTrue(load.awaitAcknowledgedAfter(thawedAt, 20, RECOVERY_WAIT), "no send succeeded after the thaw");
            load.close();
            List<Answer> answers = load.answers();
            long refusedWhileFrozen = answers.stream()
                    .filter(a -> (a.status() == 503 || a.status() == 504) && a.answeredNanos() < thawedAt)
                    .count();
            assertTrue(
                    refusedWhileFrozen > 0,
                    "every send overlapping the freeze waited for the thaw: " + SendLoad.summary(answers));
            assertEveryAnswerKeptItsPromise(answers, listener);
        }
    }

    @Test
    void a_stopped_database_gets_503_refusals_until_it_is_back_then_sends_succeed_without_a_restart() throws Exception {
        try (ChatApplication app = startOnNewDatabase();
                WsClient listener = WsClient.connect(Http.onPort(app.port()).webSocketUri("/ws"))) {
            Http http = Http.onPort(app.port());
            SendLoad load = SendLoad.start(app.port(), SENDERS);
            assertTrue(load.awaitAcknowledgedAfter(0, 20, RECOVERY_WAIT), "no sends before the fault");

            long stoppedAt = System.nanoTime();
            cluster().stop();
            await(() -> http.get("/health/ready").statusCode() == 503, "readiness never turned 503");
            assertEquals(
                    503,
                    http.history("2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z").statusCode());
            try (WsClient catchUp = WsClient.connect(http.webSocketUri("/ws?after=0"))) {
                assertEquals(1013, catchUp.awaitClose().code());
            }
            Thread.sleep(OUTAGE);
            long restartedAt = System.nanoTime();
            cluster().start();

            assertTrue(
                    load.awaitAcknowledgedAfter(restartedAt, 20, RECOVERY_WAIT), "no send succeeded after the restart");
            await(() -> http.get("/health/ready").statusCode() == 200, "readiness never came back");
            load.close();
            List<Answer> answers = load.answers();
            // Once the outage is known (a failed batch or probe, within a second) every send is refused, not tried.
            long known = stoppedAt + Duration.ofSeconds(2).toNanos();
            List<Answer> duringKnownOutage = answers.stream()
                    .filter(a -> a.startedNanos() > known && a.answeredNanos() < restartedAt)
                    .toList();
            assertFalse(duringKnownOutage.isEmpty(), "no send during the outage: " + SendLoad.summary(answers));
            assertTrue(
                    duringKnownOutage.stream().allMatch(a -> a.status() == 503),
                    "during the outage: " + SendLoad.summary(duringKnownOutage));
            assertEveryAnswerKeptItsPromise(answers, listener);
        }
    }

    @Test
    void connections_killed_by_the_server_are_replaced_and_the_next_sends_succeed() throws Exception {
        try (ChatApplication app = startOnNewDatabase();
                WsClient listener = WsClient.connect(Http.onPort(app.port()).webSocketUri("/ws"))) {
            SendLoad load = SendLoad.start(app.port(), SENDERS);
            assertTrue(load.awaitAcknowledgedAfter(0, 20, RECOVERY_WAIT), "no sends before the fault");

            long kickedAt = System.nanoTime();
            int kicked = cluster().terminateBackends(database);

            assertTrue(kicked > 0, "no backend of the server was connected");
            assertTrue(load.awaitAcknowledgedAfter(kickedAt, 50, RECOVERY_WAIT), "no send succeeded after the kick");
            load.close();
            assertEveryAnswerKeptItsPromise(load.answers(), listener);
        }
    }

    private ChatApplication startOnNewDatabase() {
        POSTGRES.createDatabase(database);
        return TestApplications.start(Map.of("DB_URL", POSTGRES.jdbcUrl(database)), 0);
    }

    private static PostgresCluster cluster() {
        return POSTGRES.cluster();
    }

    /**
     * Every send was answered with a status the issue allows; every 200 is stored under its id; no 503 is stored;
     * the listener is still connected and received every acknowledged message, in strictly increasing id order.
     */
    private void assertEveryAnswerKeptItsPromise(List<Answer> answers, WsClient listener) throws Exception {
        assertTrue(
                answers.stream().noneMatch(a -> a.status() == 0),
                "sends without an answer: " + SendLoad.summary(answers));
        assertTrue(
                answers.stream().allMatch(a -> Set.of(200, 503, 504).contains(a.status())), SendLoad.summary(answers));
        Map<String, Long> stored = SendLoad.storedIdsByText(POSTGRES.jdbcUrl(database));
        assertEquals(List.of(), SendLoad.acknowledgedButNotStored(answers, stored), "acknowledged but not stored");
        List<String> refusedButStored = answers.stream()
                .filter(a -> a.status() == 503 && stored.containsKey(a.text()))
                .map(Answer::text)
                .toList();
        assertEquals(List.of(), refusedButStored, "answered 503 (not stored) but stored");

        assertFalse(listener.isClosed(), "the WebSocket client was disconnected by the outage");
        List<Long> received = new ArrayList<>();
        for (String frame; (frame = listener.poll(Duration.ofSeconds(2))) != null; ) {
            received.add(Long.parseLong(frame.replaceAll(".*\"id\":(\\d+).*", "$1")));
        }
        for (int i = 1; i < received.size(); i++) {
            assertTrue(received.get(i) > received.get(i - 1), "ids out of order at " + i + ": " + received);
        }
        Set<Long> acknowledged =
                answers.stream().filter(a -> a.status() == 200).map(Answer::id).collect(Collectors.toSet());
        assertTrue(Set.copyOf(received).containsAll(acknowledged), "the listener missed acknowledged messages");
    }

    private static void await(BooleanSupplier condition, String failure) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure);
            }
            Thread.sleep(50);
        }
    }
}
