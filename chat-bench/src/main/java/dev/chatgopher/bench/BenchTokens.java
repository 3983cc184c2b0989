package dev.chatgopher.bench;

import dev.chatgopher.app.DevelopmentTokens;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens on or off for a run ({@code --auth-secret}): when on, every connection gets an HS256 token of its own from
 * {@link DevelopmentTokens} (sub {@code bench-sender-17} and the like, read and write {@code *}), and a spawned
 * server is told to verify them, with limits far above anything the bench reaches.
 */
final class BenchTokens {

    static final BenchTokens OFF = new BenchTokens(null, null);

    /** Longer than any run: the server closes a socket whose token expires. */
    private static final Duration TIME_TO_LIVE = Duration.ofHours(24);

    /** Above anything the bench reaches, so that the limiter's cost is measured but it never refuses. */
    private static final String NEVER_REACHED = "1000000";

    private final String secret;
    private final DevelopmentTokens tokens;

    private BenchTokens(String secret, DevelopmentTokens tokens) {
        this.secret = secret;
        this.tokens = tokens;
    }

    /** Tokens signed with {@code secret}; null or empty: off. A secret under 32 bytes is refused here. */
    static BenchTokens of(String secret) {
        if (secret == null || secret.isEmpty()) {
            return OFF;
        }
        return new BenchTokens(secret, DevelopmentTokens.signedWith(secret));
    }

    boolean on() {
        return tokens != null;
    }

    /** The {@code Authorization} value for a connection of {@code subject}, or null when tokens are off. */
    String authorization(String subject) {
        if (tokens == null) {
            return null;
        }
        return "Bearer " + tokens.mint(DevelopmentTokens.Grant.everyRoom(subject, TIME_TO_LIVE));
    }

    /** What a spawned server needs to verify these tokens; nothing when tokens are off. */
    Map<String, String> serverEnvironment() {
        if (tokens == null) {
            return Map.of();
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("CHAT_AUTH_MODE", "token");
        environment.put("CHAT_AUTH_HMAC_SECRET", secret);
        for (String limit : new String[] {
            "CHAT_LIMITS_MESSAGES_PER_SECOND",
            "CHAT_LIMITS_MESSAGE_BURST",
            "CHAT_LIMITS_CONNECTIONS_PER_IDENTITY",
            "CHAT_LIMITS_CONNECTIONS_PER_ADDRESS",
            "CHAT_LIMITS_HANDSHAKES_PER_SECOND",
            "CHAT_LIMITS_HANDSHAKE_BURST",
            "CHAT_LIMITS_MAX_CONNECTIONS"
        }) {
            environment.put(limit, NEVER_REACHED);
        }
        return environment;
    }
}
