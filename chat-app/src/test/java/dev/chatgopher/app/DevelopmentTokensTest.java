package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevelopmentTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00.750Z");

    @Test
    void the_key_is_the_secret_s_utf_8_bytes_so_16_two_byte_characters_are_enough() throws Exception {
        String secret = "é".repeat(16); // 16 characters, 32 bytes

        String token = new DevelopmentTokens(secret, null, null, Clock.fixed(NOW, ZoneOffset.UTC))
                .mint(DevelopmentTokens.Grant.everyRoom("bench-sender-1", Duration.ofMinutes(5)));

        assertTrue(SignedJWT.parse(token).verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void refuses_a_secret_under_32_bytes_in_a_sentence_that_does_not_repeat_it() {
        String secret = "é".repeat(15) + "x"; // 31 bytes

        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> DevelopmentTokens.signedWith(secret));

        assertEquals("the HS256 secret must be at least 32 bytes of UTF-8, this one has 31", refused.getMessage());
        assertFalse(refused.getMessage().contains(secret));
    }

    @Test
    void refuses_no_secret_at_all() {
        assertThrows(IllegalArgumentException.class, () -> DevelopmentTokens.signedWith(null));
    }

    @Test
    void issued_now_and_expiring_after_the_time_to_live_in_whole_seconds() throws Exception {
        String token = new DevelopmentTokens("s".repeat(32), null, null, Clock.fixed(NOW, ZoneOffset.UTC))
                .mint(DevelopmentTokens.Grant.everyRoom("alice", Duration.ofSeconds(90)));

        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals(Date.from(Instant.parse("2026-12-03T08:00:00Z")), claims.getIssueTime());
        assertEquals(Date.from(Instant.parse("2026-12-03T08:01:30Z")), claims.getExpirationTime());
        assertEquals(List.of("*"), claims.getStringListClaim("chat.read"));
        assertEquals(List.of("*"), claims.getStringListClaim("chat.write"));
    }

    @Test
    void a_grant_needs_a_subject_and_a_time_to_live_of_a_second_or_more() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new DevelopmentTokens.Grant(" ", null, List.of(), List.of(), Duration.ofHours(1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new DevelopmentTokens.Grant("alice", null, List.of(), List.of(), Duration.ofMillis(999)));
    }
}
