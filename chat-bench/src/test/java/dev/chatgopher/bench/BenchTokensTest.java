package dev.chatgopher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

class BenchTokensTest {

    private static final String SECRET = "the bench's secret, 32 bytes or more";
    private static final DatabaseSpec H2 =
            new DatabaseSpec(SQLDialect.H2, "jdbc:h2:file:/tmp/x/chat-gopher", "sa", "", Path.of("/tmp/x"));

    @Test
    void without_a_secret_tokens_are_off_and_the_spawned_server_s_environment_is_as_before() {
        BenchTokens off = BenchTokens.of(null);

        assertFalse(off.on());
        assertNull(off.authorization("bench-sender-0"));
        assertEquals(Map.of(), off.serverEnvironment());
        assertEquals(BenchTokens.OFF, BenchTokens.of(""));
        assertEquals(
                Map.of("CHAT_DATA_DIR", "/tmp/x", "CHAT_WS_FANOUT_INTERVAL", "10ms"),
                Target.serverEnvironment(H2, off, 1, Map.of("CHAT_WS_FANOUT_INTERVAL", "10ms")));
    }

    @Test
    void with_a_secret_the_spawned_server_verifies_tokens_with_limits_it_never_reaches() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("CHAT_AUTH_MODE", "token");
        expected.put("CHAT_AUTH_HMAC_SECRET", SECRET);
        for (String limit : new String[] {
            "MESSAGES_PER_SECOND",
            "MESSAGE_BURST",
            "CONNECTIONS_PER_IDENTITY",
            "CONNECTIONS_PER_ADDRESS",
            "HANDSHAKES_PER_SECOND",
            "HANDSHAKE_BURST",
            "MAX_CONNECTIONS"
        }) {
            expected.put("CHAT_LIMITS_" + limit, "1000000");
        }

        BenchTokens tokens = BenchTokens.of(SECRET);

        assertTrue(tokens.on());
        assertEquals(expected, tokens.serverEnvironment());
        String authorization = tokens.authorization("bench-sender-0");
        assertTrue(authorization.startsWith("Bearer ey"), authorization);
        // A token the spawned server accepts: signed with the secret it is given, every room, for the whole run.
        SignedJWT token = SignedJWT.parse(authorization.substring("Bearer ".length()));
        assertTrue(token.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))));
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertEquals("bench-sender-0", claims.getSubject());
        assertEquals(List.of("*"), claims.getStringListClaim("chat.read"));
        assertEquals(List.of("*"), claims.getStringListClaim("chat.write"));
        assertTrue(
                claims.getExpirationTime().toInstant().isAfter(Instant.now().plus(Duration.ofHours(23))),
                claims.getExpirationTime().toString());
    }

    @Test
    void server_env_options_have_the_last_word_over_the_limits() {
        Map<String, String> environment =
                Target.serverEnvironment(H2, BenchTokens.of(SECRET), 1, Map.of("CHAT_LIMITS_MESSAGES_PER_SECOND", "5"));

        assertEquals("5", environment.get("CHAT_LIMITS_MESSAGES_PER_SECOND"));
        assertEquals("token", environment.get("CHAT_AUTH_MODE"));
        assertEquals("/tmp/x", environment.get("CHAT_DATA_DIR"));
    }

    @Test
    void a_secret_under_32_bytes_is_refused() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> BenchTokens.of("too short"));
        assertEquals("the HS256 secret must be at least 32 bytes of UTF-8, this one has 9", refused.getMessage());
    }
}
