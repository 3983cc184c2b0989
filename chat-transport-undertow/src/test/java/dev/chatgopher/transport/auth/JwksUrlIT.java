package dev.chatgopher.transport.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import dev.chatgopher.transport.testing.Tokens;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keys from a JWKS URL served by a tiny local HTTP server: fetched, cached, and kept when a refresh fails. */
class JwksUrlIT {

    private static final Duration REFRESH = Duration.ofSeconds(1);

    private final AtomicInteger fetches = new AtomicInteger();
    private volatile boolean failing;
    private volatile String document;
    private final HttpServer identityProvider;

    JwksUrlIT() throws Exception {
        identityProvider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        identityProvider.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = failing ? "down".getBytes(StandardCharsets.UTF_8) : document.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", failing ? "text/plain" : "application/json");
            exchange.sendResponseHeaders(failing ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        identityProvider.start();
    }

    @AfterEach
    void stop() {
        identityProvider.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + identityProvider.getAddress().getPort() + "/jwks.json");
    }

    @Test
    void tokens_are_verified_with_fetched_keys_and_a_failed_refresh_keeps_the_old_keys() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        document = new JWKSet(key.toPublicJWK()).toString();
        try (TokenVerifier verifier = TokenVerifier.of(AuthSettings.tokens(new TokenKeys.JwksUrl(url(), REFRESH)))) {
            String token = Tokens.signedWith(JWSAlgorithm.RS256, new RSASSASigner(key), "rsa-1", "alice")
                    .sign();

            assertEquals("alice", verifier.verify(token).subject());
            assertEquals(1, fetches.get(), "fetched once, then cached");

            failing = true;
            int fetchedBeforeOutage = fetches.get();
            // Past the refresh time the cached keys are stale: a refresh is tried, fails, and the old keys stay.
            Thread.sleep(REFRESH.multipliedBy(3).toMillis());

            assertEquals("alice", verifier.verify(token).subject());
            assertTrue(fetches.get() > fetchedBeforeOutage, "a refresh was tried during the outage");
        }
    }

    @Test
    void a_token_signed_with_a_key_added_to_the_jwks_later_is_accepted_once_the_keys_are_fetched_again()
            throws Exception {
        RSAKey first = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        document = new JWKSet(first.toPublicJWK()).toString();
        try (TokenVerifier verifier =
                TokenVerifier.of(AuthSettings.tokens(new TokenKeys.JwksUrl(url(), Duration.ofMinutes(5))))) {
            verifier.verify(Tokens.signedWith(JWSAlgorithm.RS256, new RSASSASigner(first), "rsa-1", "alice")
                    .sign());
            String withNewKey = Tokens.signedWith(JWSAlgorithm.RS256, new RSASSASigner(rotated), "rsa-2", "alice")
                    .sign();
            assertThrows(TokenRejectedException.class, () -> verifier.verify(withNewKey), "not published yet");

            document = new JWKSet(List.of(first.toPublicJWK(), rotated.toPublicJWK())).toString();
            // An unknown key id makes the verifier fetch again, though the cache is fresh, at most every 10 s.
            Thread.sleep(10_500);

            assertEquals("alice", verifier.verify(withNewKey).subject());
        }
    }

    @Test
    void without_any_keys_fetched_yet_an_outage_is_keys_unavailable_not_a_bad_token() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        failing = true;
        try (TokenVerifier verifier = TokenVerifier.of(AuthSettings.tokens(new TokenKeys.JwksUrl(url(), REFRESH)))) {
            String token = Tokens.signedWith(JWSAlgorithm.RS256, new RSASSASigner(key), "rsa-1", "alice")
                    .sign();

            assertThrows(KeysUnavailableException.class, () -> verifier.verify(token));
        }
    }
}
