package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.chatgopher.transport.auth.AuthSettings;
import dev.chatgopher.transport.auth.TokenKeys;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.Tokens;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A JWKS URL that cannot be reached before any key was fetched: a 503 to retry, not a 401 for a good token. */
class TokenKeysUnavailableIT {

    @Test
    void a_request_while_the_keys_cannot_be_fetched_is_a_json_503_with_retry_after() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI jwks = URI.create("http://127.0.0.1:" + closedPort + "/jwks.json");
        RSAKey key = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        try (InMemoryChat chat = new InMemoryChat(ServerSettings.ephemeral()
                .withAuth(AuthSettings.tokens(new TokenKeys.JwksUrl(jwks, Duration.ofMinutes(5)))))) {
            String token = Tokens.signedWith(JWSAlgorithm.RS256, new RSASSASigner(key), "rsa-1", "alice")
                    .read("*")
                    .sign();

            HttpResponse<String> response = chat.http.send(HttpRequest.newBuilder(chat.http.uri("/api/rooms"))
                    .header("Authorization", "Bearer " + token)
                    .build());

            assertEquals(503, response.statusCode(), response.body());
            assertEquals(
                    "application/json",
                    response.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(response.headers().firstValue("Retry-After").isPresent());
            assertTrue(Http.errorMessage(response).contains("try again shortly"), response.body());
        }
    }
}
