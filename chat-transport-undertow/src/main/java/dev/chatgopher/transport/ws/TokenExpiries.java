package dev.chatgopher.transport.ws;

import dev.chatgopher.transport.auth.Caller;
import dev.chatgopher.transport.websocket.CloseCodes;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes each authenticated socket with 1008 "token expired" at its token's {@code exp}: one timer per socket,
 * scheduled once, instead of a check on every frame. The client reconnects with a fresh token and {@code after=}.
 */
final class TokenExpiries implements AutoCloseable {

    static final String REASON = "token expired";

    private final Clock clock;
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("ws-token-expiry").daemon().factory());

    TokenExpiries(Clock clock) {
        this.clock = clock;
        timers.setRemoveOnCancelPolicy(true); // a socket closed early leaves nothing behind in the queue
    }

    /** Schedules the close; returns the timer to cancel when the socket ends first, or null for a token without expiry. */
    ScheduledFuture<?> closeAtExpiry(Caller caller, ClientSession session) {
        if (caller.expiresAt() == null) {
            return null;
        }
        long delay = Math.max(
                0, Duration.between(clock.instant(), caller.expiresAt()).toMillis());
        return timers.schedule(() -> session.close(CloseCodes.POLICY_VIOLATION, REASON), delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
