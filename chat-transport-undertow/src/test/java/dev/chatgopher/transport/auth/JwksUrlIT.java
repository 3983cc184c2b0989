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
