package dev.chatgopher.transport.ws;

import dev.chatgopher.transport.websocket.CloseCodes;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Closes each authenticated socket with 1008 "token expired" once its token's {@code exp} has passed. One round over
 * every session each second, rather than a timer per socket (a scheduled task and its queue slot, about 120 bytes
 * each): an idle socket with a token then costs no more than one without. A JWT's {@code exp} is in whole seconds,
 * so a second is the claim's own resolution. The client reconnects with a fresh token and {@code after=}.
 */
final class TokenExpiries implements AutoCloseable {

    static final String REASON = "token expired";
    static final Duration ROUND = Duration.ofSeconds(1);

    private final SessionRounds<ClientSession> rounds;

    /** @param sessions visits every current session (such as {@link Broadcaster#forEachSession}) */
    TokenExpiries(Consumer<Consumer<ClientSession>> sessions, Clock clock) {
        this.rounds = new SessionRounds<>("ws-token-expiry", ROUND, sessions, session -> {
            if (session.expiredAt(clock.millis())) {
                session.close(CloseCodes.POLICY_VIOLATION, REASON);
            }
        });
    }

    @Override
    public void close() {
        rounds.close();
    }
}
