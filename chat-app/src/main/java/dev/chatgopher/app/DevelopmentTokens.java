package dev.chatgopher.app;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.chatgopher.transport.auth.TokenKeys;
import dev.chatgopher.transport.auth.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

/**
 * Mints HS256 tokens in the format the server verifies ({@code sub}, {@code exp}, {@code name}, {@code chat.read},
 * {@code chat.write}, and {@code iss}/{@code aud} when configured): for the {@code token} command and the bench.
 */
public final class DevelopmentTokens {

    /**
     * The least secret HS256 is given, the server's own minimum. It and the claim names of {@link TokenVerifier}
     * are compile-time constants, copied into this class: the bench, which keeps nimbus alone of chat-app's
     * dependencies, loads no transport class when it mints.
     */
    public static final int MINIMUM_SECRET_BYTES = TokenKeys.MIN_SECRET_BYTES;

    /** What one token grants: who, shown as what, which rooms it may read and write, and for how long. */
    public record Grant(
            String subject, String displayName, List<String> read, List<String> write, Duration timeToLive) {
        public Grant {
            if (subject == null || subject.isBlank()) {
                throw new IllegalArgumentException("a token needs a subject");
            }
            if (displayName != null && displayName.isBlank()) {
                displayName = null;
            }
            read = List.copyOf(read);
            write = List.copyOf(write);
            if (timeToLive == null || timeToLive.toSeconds() < 1) {
                throw new IllegalArgumentException("a token must live at least one second, got " + timeToLive);
            }
        }

        /** {@code subject} may read and write every room ({@code *}) for {@code timeToLive}; no display name. */
        public static Grant everyRoom(String subject, Duration timeToLive) {
            return new Grant(subject, null, List.of("*"), List.of("*"), timeToLive);
        }
    }

    private final MACSigner signer;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    /**
     * Signs with the UTF-8 bytes of {@code secret}; {@code issuer} and {@code audience} (each may be null) go into
     * every token when given. A secret under {@value #MINIMUM_SECRET_BYTES} bytes is refused.
     */
    public DevelopmentTokens(String secret, String issuer, String audience, Clock clock) {
        byte[] key = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < MINIMUM_SECRET_BYTES) {
            throw new IllegalArgumentException("the HS256 secret must be at least " + MINIMUM_SECRET_BYTES
                    + " bytes of UTF-8, this one has " + key.length);
        }
        try {
            this.signer = new MACSigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the HS256 secret cannot be used: " + e.getMessage(), e);
        }
        this.issuer = blankToNull(issuer);
        this.audience = blankToNull(audience);
        this.clock = clock;
    }

    /** Signs with {@code secret}, no issuer or audience, on the system clock: what the bench needs. */
    public static DevelopmentTokens signedWith(String secret) {
        return new DevelopmentTokens(secret, null, null, Clock.systemUTC());
    }

    /** A compact JWS: issued now, expiring {@code grant.timeToLive()} later (both in whole seconds, as JWT dates are). */
    public String mint(Grant grant) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(grant.subject())
                .issueTime(Date.from(issuedAt))
                .expirationTime(
                        Date.from(issuedAt.plusSeconds(grant.timeToLive().toSeconds())))
                .claim(TokenVerifier.READ_CLAIM, grant.read())
                .claim(TokenVerifier.WRITE_CLAIM, grant.write());
        if (grant.displayName() != null) {
            claims.claim(TokenVerifier.NAME_CLAIM, grant.displayName());
        }
        if (issuer != null) {
            claims.issuer(issuer);
        }
        if (audience != null) {
            claims.audience(audience);
        }
        SignedJWT token = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.build());
        try {
            token.sign(signer);
        } catch (JOSEException e) {
            // Only a key unfit for HS256 fails here, and the constructor already refused those.
            throw new IllegalStateException("could not sign a token: " + e.getMessage(), e);
        }
        return token.serialize();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
