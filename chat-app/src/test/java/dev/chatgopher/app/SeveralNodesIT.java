package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.app.SendLoad.Answer;
import dev.chatgopher.persistence.jooq.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server jars on one PostgreSQL schema (a fresh one per test) with the PostgreSQL feed, senders posting to both
 * and WebSocket subscribers on both. Every subscriber must end with exactly the stored messages, each once, in the
 * one id order: through a node's {@code kill -9} and through a rolling restart, resuming with {@code after=} on the
 * node that is up.
 */
class SeveralNodesIT {

    private static final int SENDERS = 4;
    private static final int SUBSCRIBERS_PER_NODE = 2;
    /** Sends acknowledged in each phase of a test: enough for batches of several nodes to interleave. */
    private static final int PER_PHASE = 150;

    private static final Duration PHASE_WAIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private TestPostgres.Schema schema;
    private final List<JarProcess> started = new ArrayList<>();
    private final List<ResumingSubscriber> subscribers = new ArrayList<>();

    /** One server jar of the test, and the port it listens on. */
    private record Node(JarProcess jar, int port) {}

    @BeforeEach
    void freshSchema() {
        schema = TestPostgres.newSchema();
    }

    @AfterEach
    void stopEverything() {
        subscribers.forEach(ResumingSubscriber::close);
        started.forEach(JarProcess::close);
        schema.close();
    }

    @Test
    void every_subscriber_of_either_node_gets_every_message_sent_to_either_in_one_order() throws Exception {
        Node a = start("a", 0);
        Node b = start("b", 0);
        subscribeOn(a, b);
        ResumingSubscriber webSocketSender = subscribe(a);
        SendLoad load = SendLoad.acrossNodes("two-nodes-", List.of(a.port(), b.port()), SENDERS);
        List<String> sentOverTheSocket = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String text = "over-the-socket-" + i;
            webSocketSender.send("{\"sequence\": " + i + ", \"text\": \"" + text + "\"}");
            sentOverTheSocket.add(text);
        }
        assertTrue(load.awaitAcknowledgedAfter(0, 2 * PER_PHASE, PHASE_WAIT), "too few sends acknowledged");
        load.close();

        List<Answer> answers = load.answers();
        // A send over the socket is answered by its broadcast only: wait for the database to hold the last of them.
        Map<String, Long> stored = SendLoad.storedIdsByText(schema.jdbcUrl());
        for (long deadline = System.nanoTime() + PHASE_WAIT.toNanos();
                !stored.keySet().containsAll(sentOverTheSocket) && System.nanoTime() < deadline; ) {
            Thread.sleep(50);
            stored = SendLoad.storedIdsByText(schema.jdbcUrl());
        }
        assertTrue(stored.keySet().containsAll(sentOverTheSocket), "a send over the WebSocket was not stored");
        assertEquals(answers.size() + sentOverTheSocket.size(), stored.size(), "stored but never sent");
        assertAcknowledgedStoredAndDelivered(answers, stored);
    }

    @Test
    void after_a_kill_9_of_one_node_the_other_goes_on_and_its_subscribers_resume_on_the_other() throws Exception {
        Node a = start("a", 0);
        Node b = start("b", 0);
        subscribeOn(a, b);
        SendLoad load = SendLoad.acrossNodes("kill-", List.of(a.port(), b.port()), SENDERS);
        assertTrue(load.awaitAcknowledgedAfter(0, PER_PHASE, PHASE_WAIT), "no sends before the kill");

        long killedAt = System.nanoTime();
        a.jar().process().destroyForcibly();
        assertTrue(a.jar().process().waitFor(20, TimeUnit.SECONDS), "the killed node did not end");
        for (ResumingSubscriber subscriber : subscribersOn(a)) {
            subscriber.resumeOn(b.port());
        }
        assertTrue(load.awaitAcknowledgedAfter(killedAt, PER_PHASE, PHASE_WAIT), "the other node did not go on");
        load.close();

        assertAcknowledgedStoredAndDelivered(load.answers(), SendLoad.storedIdsByText(schema.jdbcUrl()));
    }

    @Test
    void a_rolling_restart_loses_no_acknowledged_message_and_resuming_subscribers_miss_and_repeat_nothing()
            throws Exception {
        Node a = start("a", TestApplications.freePort());
        Node b = start("b", TestApplications.freePort());
        subscribeOn(a, b);
        SendLoad load = SendLoad.acrossNodes("rolling-", List.of(a.port(), b.port()), SENDERS);
        assertTrue(load.awaitAcknowledgedAfter(0, PER_PHASE, PHASE_WAIT), "no sends before the restarts");

        long aRestartedAt = restart(a, "a-again", b);
        assertTrue(load.awaitAcknowledgedAfter(aRestartedAt, PER_PHASE, PHASE_WAIT), "no sends after a's restart");
        long bRestartedAt = restart(b, "b-again", a);
        assertTrue(load.awaitAcknowledgedAfter(bRestartedAt, PER_PHASE, PHASE_WAIT), "no sends after b's restart");
        load.close();

        assertAcknowledgedStoredAndDelivered(load.answers(), SendLoad.storedIdsByText(schema.jdbcUrl()));
    }

    /**
     * Stops {@code node} with SIGTERM (its drain), moves its subscribers to {@code other} as they are closed, waits
     * for it to exit 0 and starts it again on the same port; returns when it listens again.
     */
    private long restart(Node node, String name, Node other) throws Exception {
        node.jar().process().destroy();
        for (ResumingSubscriber subscriber : subscribersOn(node)) {
            subscriber.resumeOn(other.port());
        }
        assertTrue(node.jar().process().waitFor(20, TimeUnit.SECONDS), "the node did not drain within 20 s");
        assertEquals(0, node.jar().process().exitValue(), node.jar().output());
        start(name, node.port());
        return System.nanoTime();
    }

    /** The server jar on the test's schema with the PostgreSQL feed; {@code port} 0 for any free one. */
    private Node start(String name, int port) throws Exception {
        Path workingDirectory = Files.createDirectories(directory.resolve(name));
        JarProcess jar = JarProcess.start(
                workingDirectory,
                Map.of(
                        "DB_URL",
                        schema.jdbcUrl(),
                        "CHAT_FEED",
                        "postgres",
                        "APP_PORT",
                        Integer.toString(port),
                        "CHAT_SHUTDOWN_GRACE",
                        "1s"));
        started.add(jar);
        return new Node(jar, jar.awaitPort());
    }

    private void subscribeOn(Node... nodes) {
        for (Node node : nodes) {
            for (int i = 0; i < SUBSCRIBERS_PER_NODE; i++) {
                subscribe(node);
            }
        }
    }

    private ResumingSubscriber subscribe(Node node) {
        ResumingSubscriber subscriber = ResumingSubscriber.on(node.port());
        subscribers.add(subscriber);
        return subscriber;
    }

    private List<ResumingSubscriber> subscribersOn(Node node) {
        return subscribers.stream().filter(s -> s.port() == node.port()).toList();
    }

    /**
     * Every send was acknowledged in the end (on the other node, when the first one failed) and is stored under the id
     * it was answered with, and every subscriber received exactly the stored messages, each once, in id order.
     */
    private void assertAcknowledgedStoredAndDelivered(List<Answer> answers, Map<String, Long> stored)
            throws InterruptedException {
        assertTrue(
                answers.stream().allMatch(answer -> answer.status() == 200),
                "a send failed on every node it was tried on: " + SendLoad.summary(answers));
        assertEquals(List.of(), SendLoad.acknowledgedButNotStored(answers, stored), "acknowledged but not stored");
        assertEverySubscriberGotExactly(stored);
    }

    /** Every subscriber received exactly the stored ids, each once, in increasing order, and is still connected. */
    private void assertEverySubscriberGotExactly(Map<String, Long> stored) throws InterruptedException {
        List<Long> inOrder = stored.values().stream().sorted().toList();
        for (ResumingSubscriber subscriber : subscribers) {
            assertEquals(inOrder, subscriber.awaitIds(inOrder.size()), "a subscriber on port " + subscriber.port());
            assertFalse(subscriber.disconnected(), "a subscriber on port " + subscriber.port() + " was disconnected");
        }
    }
}
