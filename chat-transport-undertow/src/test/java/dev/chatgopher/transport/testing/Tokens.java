package dev.chatgopher.transport.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** JWTs minted in a test, with Nimbus: any claims, signed with any key, valid or deliberately not. */
public final class Tokens {

    /** A secret of the length HS256 asks for, for servers under test. */
    public static final String SECRET = "a-test-secret-of-at-least-thirty-two-bytes";

    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;
    private final String keyId;
    private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();

    private Tokens(JWSAlgorithm algorithm, JWSSigner signer, String keyId) {
        this.algorithm = algorithm;
        this.signer = signer;
        this.keyId = keyId;
        claims.expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
    }

    /** An HS256 token signed with {@link #SECRET}, for {@code sub}, valid for an hour. */
    public static Tokens hs256(String subject) {
        return hs256(SECRET, subject);
    }

    public static Tokens hs256(String secret, String subject) {
        try {
            return new Tokens(JWSAlgorithm.HS256, new MACSigner(secret.getBytes(StandardCharsets.UTF_8)), null)
                    .subject(subject);
        } catch (JOSEException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A token signed with any signer (RSA, EC, Ed25519), with the key id the JWKS names the key by. */
    public static Tokens signedWith(JWSAlgorithm algorithm, JWSSigner signer, String keyId, String subject) {
        return new Tokens(algorithm, signer, keyId).subject(subject);
    }

    public Tokens subject(String subject) {
        claims.subject(subject);
        return this;
    }

    public Tokens name(String name) {
        claims.claim("name", name);
        return this;
    }

    public Tokens read(String... patterns) {
        claims.claim("chat.read", List.of(patterns));
        return this;
    }

    public Tokens write(String... patterns) {
        claims.claim("chat.write", List.of(patterns));
        return this;
    }

    public Tokens claim(String name, Object value) {
        claims.claim(name, value);
        return this;
    }

    public Tokens issuer(String issuer) {
        claims.issuer(issuer);
        return this;
    }

    public Tokens audience(String audience) {
        claims.audience(audience);
        return this;
    }

    /** Expires this long from now; negative for a token that already has. */
    public Tokens expiresIn(Duration duration) {
        claims.expirationTime(Date.from(Instant.now().plus(duration)));
        return this;
    }

    public Tokens withoutExpiry() {
        claims.expirationTime(null);
        return this;
    }

    /** Not valid before this long from now. */
    public Tokens notBeforeIn(Duration duration) {
        claims.notBeforeTime(Date.from(Instant.now().plus(duration)));
        return this;
    }

    /** The compact serialization, {@code header.claims.signature}. */
    public String sign() {
        SignedJWT jwt =
                new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
