package dev.chatgopher.transport.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether requests need a token, and how tokens are checked.
 *
 * @param keys     the keys tokens are verified with; null when tokens are off
 * @param issuer   the {@code iss} every token must carry; null to accept any
 * @param audience a value the token's {@code aud} must contain; null to accept any
 */
public record AuthSettings(TokenKeys keys, String issuer, String audience) {

    /** How far a token's {@code exp} and {@code nbf} may be off from this server's clock. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    /** Tokens off: every request may read and write every room, as before tokens existed. */
    public static final AuthSettings OFF = new AuthSettings(null, null, null);

    public AuthSettings {
        if (keys == null && (issuer != null || audience != null)) {
            throw new IllegalArgumentException("an issuer or audience needs tokens on");
        }
    }

    /** Tokens on, verified with these keys, any issuer and audience. */
    public static AuthSettings tokens(TokenKeys keys) {
        return new AuthSettings(Objects.requireNonNull(keys, "keys"), null, null);
    }

    public AuthSettings withIssuer(String required) {
        return new AuthSettings(keys, required, audience);
    }

    public AuthSettings withAudience(String required) {
        return new AuthSettings(keys, issuer, required);
    }

    public boolean tokensOn() {
        return keys != null;
    }
}
