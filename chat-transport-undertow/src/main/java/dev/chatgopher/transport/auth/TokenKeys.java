package dev.chatgopher.transport.auth;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/** The keys tokens are verified with: an HS256 secret, public keys known at start, or a JWKS URL fetched and refreshed. */
public sealed interface TokenKeys {

    /** The shortest HS256 secret accepted: RFC 7518 asks for a key at least as long as the hash, 256 bits. */
    int MIN_SECRET_BYTES = 32;

    /** HS256 with a shared secret; the key is the secret's UTF-8 bytes, at least {@link #MIN_SECRET_BYTES} of them. */
    record HmacSecret(byte[] key) implements TokenKeys {
        public HmacSecret {
            if (key == null || key.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("chat.auth.hmac-secret must be at least " + MIN_SECRET_BYTES
                        + " bytes (UTF-8), got " + (key == null ? 0 : key.length));
            }
            key = key.clone();
        }

        public static HmacSecret of(String secret) {
            return new HmacSecret(secret.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public String toString() {
            return "HmacSecret[" + key.length + " bytes]"; // never the secret itself
        }
    }

    /**
     * RS256, ES256 or EdDSA public keys read at start from a PEM file or a JWKS file.
     *
     * @param anyKeyId whether a token's {@code kid} is ignored: PEM keys have no id to match, so every key of the
     *                 file is tried; the keys of a JWKS are matched by id
     */
    record PublicKeys(JWKSet keys, String source, boolean anyKeyId) implements TokenKeys {
        public PublicKeys {
            Objects.requireNonNull(keys, "keys");
            if (keys.getKeys().isEmpty()) {
                throw new IllegalArgumentException(source + " holds no key");
            }
        }
    }

    /** A JWKS document at an http(s) URL, cached for {@code refresh}, refreshed ahead, kept through an outage. */
    record JwksUrl(URI url, Duration refresh) implements TokenKeys {
        public JwksUrl {
            Objects.requireNonNull(url, "url");
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("chat.auth.jwks must be a file or an http(s) URL, got " + url);
            }
            if (refresh == null || !refresh.isPositive()) {
                throw new IllegalArgumentException("chat.auth.jwks-refresh must be positive, got " + refresh);
            }
        }
    }
}
