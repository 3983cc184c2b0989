package dev.chatgopher.transport.ws;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beats every session at a fixed rate, on a thread of its own. A scheduled task that throws is never run again,
 * so a failure is caught and logged: one session's failure skips that session only, and a round that fails as a
 * whole is followed by the next one.
 *
 * @param <S> the sessions' type
 */
final class Heartbeat<S> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final Consumer<Consumer<S>> sessions;
    private final Consumer<S> beat;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ws-heartbeat").daemon().factory());

    /**
     * @param sessions visits every current session (such as {@link Broadcaster#forEachSession})
     * @param beat     what to do to each, once per round
     */
    Heartbeat(Duration period, Consumer<Consumer<S>> sessions, Consumer<S> beat) {
        this.sessions = sessions;
        this.beat = beat;
        long millis = period.toMillis();
        timer.scheduleAtFixedRate(this::round, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            sessions.accept(this::beatOne);
        } catch (RuntimeException e) {
            LOG.error("A heartbeat round failed; the next one runs as planned", e);
        }
    }

    private void beatOne(S session) {
        try {
            beat.accept(session);
        } catch (RuntimeException e) {
            LOG.error("The heartbeat of WebSocket session {} failed; the others go on", session, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
