package dev.chatgopher.transport.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.chatgopher.domain.model.Author;
import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.transport.auth.TokenRejectedException.Reason;
import java.net.MalformedURLException;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a JWT with Nimbus JOSE+JWT and turns it into a {@link Caller}: signature with the configured keys,
 * {@code sub} and {@code exp} required, {@code nbf} honoured, {@code iss} and {@code aud} checked when configured,
 * {@link AuthSettings#CLOCK_SKEW} of tolerance. A token verified once is remembered until it expires
 * ({@link VerifiedTokens}). Thread-safe; one per server.
 */
public final class TokenVerifier implements AutoCloseable {

    /**
     * The algorithms accepted with public keys; HS256 only with a secret (never both, so no key confusion). EdDSA
     * is Ed25519, also under its fully specified name (RFC 9864), see {@link Ed25519Keys}.
     */
    private static final Set<JWSAlgorithm> PUBLIC_KEY_ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    /** The claims a token's rights and author are read from; whatever mints tokens for this server writes these. */
    public static final String READ_CLAIM = "chat.read";

    public static final String WRITE_CLAIM = "chat.write";
    public static final String NAME_CLAIM = "name";

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final JWKSource<SecurityContext> keys;
    private final AuthSettings settings;
    private final Clock clock;
    private final VerifiedTokens verified;

    private TokenVerifier(
            AuthSettings settings,
            JWKSource<SecurityContext> keys,
            JWSKeySelector<SecurityContext> keySelector,
            JWSVerifierFactory verifiers,
            Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.clock = clock;
        this.verified = new VerifiedTokens(clock);
        // Access tokens are typed "JWT", "at+jwt" (RFC 9068) or not at all; anything else is some other kind of JOSE
        // object.
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(keySelector);
        processor.setJWSVerifierFactory(verifiers);
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (settings.issuer() != null) {
            exact.issuer(settings.issuer());
        }
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                settings.audience() == null ? null : Set.of(settings.audience()),
                exact.build(),
                Set.of("sub", "exp"),
                null);
        claims.setMaxClockSkew((int) AuthSettings.CLOCK_SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** A verifier for the settings' keys; tokens must be on. */
    public static TokenVerifier of(AuthSettings settings) {
        return of(settings, Clock.systemUTC());
    }

    static TokenVerifier of(AuthSettings settings, Clock clock) {
        return switch (settings.keys()) {
            case TokenKeys.HmacSecret secret -> withSecret(settings, secret, clock);
            case TokenKeys.PublicKeys known ->
                withPublicKeys(settings, new ImmutableJWKSet<>(known.keys()), known.anyKeyId(), clock);
            case TokenKeys.JwksUrl remote -> withPublicKeys(settings, remoteKeys(remote), false, clock);
            case null -> throw new IllegalArgumentException("tokens are off: there is nothing to verify with");
        };
    }

    /**
     * HS256 with the one secret: no key lookup and one verifier for every token. Each token verified (a WebSocket
     * upgrade, or an HTTP token seen first) otherwise paid for a key selector, a copy of its header and a new
     * verifier; with thousands of sockets opening at once that garbage made the heap grow.
     */
    private static TokenVerifier withSecret(AuthSettings settings, TokenKeys.HmacSecret secret, Clock clock) {
        SecretKey key = new SecretKeySpec(secret.key(), "HmacSHA256");
        MACVerifier verifier;
        try {
            verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the HS256 secret cannot verify tokens: " + e.getMessage(), e);
        }
        // The selector hands the processor only this key, so every verification takes this one verifier.
        JWSVerifierFactory theVerifier = new DefaultJWSVerifierFactory() {
            @Override
            public JWSVerifier createJWSVerifier(JWSHeader header, Key selected) {
                return verifier;
            }
        };
        return new TokenVerifier(
                settings, null, new SingleKeyJWSKeySelector<>(JWSAlgorithm.HS256, key), theVerifier, clock);
    }

    private static TokenVerifier withPublicKeys(
            AuthSettings settings, JWKSource<SecurityContext> keys, boolean anyKeyId, Clock clock) {
        return new TokenVerifier(
                settings,
                keys,
                new Ed25519Keys.Selector(PUBLIC_KEY_ALGORITHMS, keys, anyKeyId),
                new Ed25519Keys.VerifierFactory(),
                clock);
    }

    /**
     * Keys fetched from the URL and cached for the refresh time; refreshed ahead of expiry in the background, so
     * that no request waits for the fetch; and on a failed refresh the cached keys stay in use (outage tolerance),
     * for a day, so that an identity provider's outage does not lock every user out.
     */
    private static JWKSource<SecurityContext> remoteKeys(TokenKeys.JwksUrl remote) {
        long refresh = remote.refresh().toMillis();
        // Nimbus wants the fetch timeout plus the refresh-ahead time to fit within the time the keys are cached.
        long fetchTimeout = Math.min(refresh / 4, 15_000);
        long ahead = Math.min(refresh / 4, 30_000);
        try {
            return JWKSourceBuilder.<SecurityContext>create(remote.url().toURL())
                    .cache(refresh, fetchTimeout)
                    .refreshAheadCache(ahead, true)
                    .outageTolerant(24L * 60 * 60 * 1000)
                    // A token with an unknown key id makes Nimbus fetch again at once, but at most this often.
                    .rateLimited(Math.min(refresh / 2, 10_000))
                    .retrying(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("chat.auth.jwks is not a URL: " + remote.url(), e);
        }
    }

    /** Stops the background refresh of fetched keys, if any. */
    @Override
    public void close() {
        if (keys instanceof java.io.Closeable closeable) { // null for a secret
            try {
                closeable.close();
            } catch (java.io.IOException e) {
                // Nothing left to do with a key source that failed to close.
            }
        }
    }

    /**
     * The caller the token speaks for.
     *
     * @throws TokenRejectedException for a missing or unacceptable token, with the reason a 401 names
     * @throws KeysUnavailableException when the keys could not be fetched: the token may well be good
     */
    public Caller verify(String token) {
        return verify(token, true);
    }

    /**
     * As {@link #verify(String)}; {@code remember} false for a token used once, such as a WebSocket upgrade's (its
     * socket keeps the caller): it is checked against what is remembered but does not take a place there.
     */
    public Caller verify(String token, boolean remember) {
        if (token == null) {
            throw new TokenRejectedException(Reason.MISSING);
        }
        Caller known = verified.find(token);
        if (known != null) {
            return known;
        }
        JWTClaimsSet claims;
        try {
            // Parsed as a signed JWT directly: the processor's own parse reads the header twice.
            claims = processor.process(SignedJWT.parse(token), null);
        } catch (ParseException malformed) {
            throw notSigned(token);
        } catch (BadJWSException badSignature) {
            throw new TokenRejectedException(Reason.BAD_SIGNATURE);
        } catch (BadJWTException badClaims) {
            throw claimsRejected(token, badClaims);
        } catch (BadJOSEException rejected) {
            throw new TokenRejectedException(
                    Reason.BAD_SIGNATURE, Reason.BAD_SIGNATURE.description() + " (" + rejected.getMessage() + ")");
        } catch (KeySourceException unavailable) {
            throw new KeysUnavailableException(unavailable);
        } catch (JOSEException failed) {
            throw new TokenRejectedException(Reason.BAD_SIGNATURE);
        }
        Caller caller = caller(claims);
        if (remember) {
            verified.remember(token, caller);
        }
        return caller;
    }

    /** An unsigned JWT ({@code "alg": "none"}) is no signed one, and is told so; anything else is malformed. */
    private static TokenRejectedException notSigned(String token) {
        try {
            if (JWTParser.parse(token) instanceof PlainJWT) {
                return new TokenRejectedException(
                        Reason.BAD_SIGNATURE, Reason.BAD_SIGNATURE.description() + " (unsigned tokens are refused)");
            }
        } catch (ParseException e) {
            // malformed, as below
        }
        return new TokenRejectedException(Reason.MALFORMED);
    }

    /**
     * The claims verifier says only that the claims were refused; the signature is good by then, so the claims can
     * be read again to tell the client which case it is.
     */
    private TokenRejectedException claimsRejected(String token, BadJWTException badClaims) {
        JWTClaimsSet claims;
        try {
            claims = JWTParser.parse(token).getJWTClaimsSet();
        } catch (ParseException e) {
            return new TokenRejectedException(Reason.MALFORMED);
        }
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        Date notBefore = claims.getNotBeforeTime();
        if (claims.getSubject() == null || expiry == null) {
            return new TokenRejectedException(
                    Reason.INVALID_CLAIMS, Reason.INVALID_CLAIMS.description() + ": sub and exp are required");
        }
        if (expiry.toInstant().plus(AuthSettings.CLOCK_SKEW).isBefore(now)) {
            return new TokenRejectedException(Reason.EXPIRED);
        }
        if (notBefore != null
                && notBefore.toInstant().minus(AuthSettings.CLOCK_SKEW).isAfter(now)) {
            return new TokenRejectedException(Reason.NOT_YET_VALID);
        }
        if (settings.issuer() != null && !settings.issuer().equals(claims.getIssuer())) {
            return new TokenRejectedException(Reason.WRONG_ISSUER);
        }
        List<String> audience = claims.getAudience();
        if (settings.audience() != null && (audience == null || !audience.contains(settings.audience()))) {
            return new TokenRejectedException(Reason.WRONG_AUDIENCE);
        }
        // Near a boundary the two clocks may disagree by a moment; the verifier's refusal stands.
        return new TokenRejectedException(
                Reason.INVALID_CLAIMS, Reason.INVALID_CLAIMS.description() + ": " + badClaims.getMessage());
    }

    private static Caller caller(JWTClaimsSet claims) {
        try {
            String name = claims.getStringClaim(NAME_CLAIM);
            return new Caller(
                    claims.getSubject(),
                    new Author(name != null ? name : claims.getSubject()),
                    rights(claims, READ_CLAIM),
                    rights(claims, WRITE_CLAIM),
                    claims.getExpirationTime().toInstant());
        } catch (ParseException e) {
            throw new TokenRejectedException(
                    Reason.INVALID_CLAIMS, Reason.INVALID_CLAIMS.description() + ": name must be a string");
        } catch (InvalidInputException e) {
            throw new TokenRejectedException(
                    Reason.INVALID_CLAIMS, Reason.INVALID_CLAIMS.description() + ": " + e.getMessage());
        }
    }

    private static RoomRights rights(JWTClaimsSet claims, String claim) {
        List<String> patterns;
        try {
            patterns = claims.getStringListClaim(claim);
        } catch (ParseException e) {
            throw new InvalidInputException(
                    claim + " must be a list of room patterns such as [\"general\", \"team-*\"]");
        }
        if (patterns == null) {
            return RoomRights.NONE;
        }
        return RoomRights.parse(patterns);
    }
}
