package dev.chatgopher.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.WsClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebSocket client of the default room that keeps the id of every message it received, as a real client does,
 * and when its server goes away resumes on another one with {@code /ws?after=<last id>}. Any frame that is not a
 * message (an error frame) fails the test.
 */
final class ResumingSubscriber implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a subscriber that has everything waits for one frame too many. */
    private static final Duration NOTHING_MORE = Duration.ofMillis(500);

    private final List<Long> ids = new ArrayList<>();
    private WsClient client;
    private int port;

    private ResumingSubscriber(int port) {
        connect(port);
    }

    /** Connected to the server on {@code port} with {@code after=0}: it receives every message from the first. */
    static ResumingSubscriber on(int port) {
        return new ResumingSubscriber(port);
    }

    /** The port of the server it is connected to now. */
    int port() {
        return port;
    }

    /** Whether its server closed it, or the connection broke. */
    boolean disconnected() {
        return client.isClosed();
    }

    /** Sends a text frame on its socket, as a WebSocket sender does. */
    void send(String frame) {
        client.sendText(frame);
    }

    /**
     * Waits until its server closed it (a drain's 1001, or a connection that broke), keeps what arrived until then,
     * and connects to the server on {@code port} with {@code after=} the last id it received.
     */
    void resumeOn(int port) throws InterruptedException {
        client.awaitClose();
        takeArrived();
        client.close();
        connect(port);
    }

    /**
     * Receives until it holds {@code count} ids (each within {@link WsClient#WAIT} of the one before), then a little
     * longer for any frame too many; returns every id received, in the order received.
     */
    List<Long> awaitIds(int count) throws InterruptedException {
        takeArrived();
        while (ids.size() < count) {
            String frame = client.poll(WsClient.WAIT);
            if (frame == null) {
                throw new AssertionError("received " + ids.size() + " of " + count + " messages (the last id "
                        + (ids.isEmpty() ? "none" : ids.getLast()) + "), then nothing for " + WsClient.WAIT);
            }
            ids.add(idOf(frame));
        }
        for (String extra; (extra = client.poll(NOTHING_MORE)) != null; ) {
            ids.add(idOf(extra));
        }
        return List.copyOf(ids);
    }

    @Override
    public void close() {
        client.close();
    }

    private void connect(int port) {
        long after = ids.isEmpty() ? 0 : ids.getLast();
        this.client = WsClient.connect(Http.onPort(port).webSocketUri("/ws?after=" + after));
        this.port = port;
    }

    private void takeArrived() throws InterruptedException {
        for (String frame; (frame = client.poll(Duration.ZERO)) != null; ) {
            ids.add(idOf(frame));
        }
    }

    private static long idOf(String frame) {
        try {
            JsonNode id = JSON.readTree(frame).get("id");
            if (id == null) {
                throw new AssertionError("not a message: " + frame);
            }
            return id.asLong();
        } catch (IOException notJson) {
            throw new AssertionError("not a JSON frame: " + frame, notJson);
        }
    }
}
