package dev.chatgopher.transport.auth;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens already verified, so that a client posting many messages with one token pays for the signature and the
 * claims once, not per message. An entry serves until the token's {@code exp} (plus the clock skew the verifier
 * allows), never longer; the map is bounded by forgetting everything when it is full, which costs only a
 * verification per token again.
 */
final class VerifiedTokens {

    /** Enough for the tokens of every active client of one node; at ~1 KiB each, a few MiB at most. */
    static final int MAX_ENTRIES = 10_000;

    private final ConcurrentHashMap<String, Caller> callers = new ConcurrentHashMap<>();
    private final Clock clock;

    VerifiedTokens(Clock clock) {
        this.clock = clock;
    }

    /** The caller of a token verified before and not expired since, or null. */
    Caller find(String token) {
        Caller caller = callers.get(token);
        if (caller == null) {
            return null;
        }
        if (clock.instant().isAfter(caller.expiresAt().plus(AuthSettings.CLOCK_SKEW))) {
            callers.remove(token);
            return null;
        }
        return caller;
    }

    void remember(String token, Caller caller) {
        if (callers.size() >= MAX_ENTRIES) {
            callers.clear();
        }
        callers.put(token, caller);
    }
}
