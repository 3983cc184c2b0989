package dev.chatgopher.transport.ws;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Visits every session at a fixed rate, on a thread of its own: the heartbeat, and the close of sockets whose token
 * expired. A scheduled task that throws is never run again, so a failure is caught and logged: one session's
 * failure skips that session only, and a round that fails as a whole is followed by the next one.
 *
 * @param <S> the sessions' type
 */
final class SessionRounds<S> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRounds.class);

    private final String name;
    private final Consumer<Consumer<S>> sessions;
    private final Consumer<S> visit;
    private final ScheduledExecutorService timer;

    /**
     * @param name     what the rounds are for, the name of their thread and of their failures in the log
     * @param sessions visits every current session (such as {@link Broadcaster#forEachSession})
     * @param visit    what to do to each, once per round
     */
    SessionRounds(String name, Duration period, Consumer<Consumer<S>> sessions, Consumer<S> visit) {
        this.name = name;
        this.sessions = sessions;
        this.visit = visit;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name).daemon().factory());
        long millis = period.toMillis();
        timer.scheduleAtFixedRate(this::round, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            sessions.accept(this::visitOne);
        } catch (RuntimeException e) {
            LOG.error("A round of {} failed; the next one runs as planned", name, e);
        }
    }

    private void visitOne(S session) {
        try {
            visit.accept(session);
        } catch (RuntimeException e) {
            LOG.error("A round of {} failed on WebSocket session {}; the others go on", name, session, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
