package dev.chatgopher.transport.auth;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chatgopher.domain.model.Author;
import dev.chatgopher.domain.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Verified tokens are remembered until they expire, and no longer. */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2025-02-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final VerifiedTokens verified = new VerifiedTokens(clock);
    private final Caller alice = new Caller(
            "alice", new Author("alice"), RoomRights.EVERY_ROOM, RoomRights.NONE, NOW.plus(Duration.ofMinutes(1)));

    @Test
    void a_remembered_token_is_found_until_its_expiry_plus_the_clock_skew() {
        verified.remember("token", alice);

        clock.advance(Duration.ofMinutes(1).plus(AuthSettings.CLOCK_SKEW));
        assertSame(alice, verified.find("token"));

        clock.advance(Duration.ofMillis(1));
        assertNull(verified.find("token"), "expired: it must be verified again, and then refused");
    }

    @Test
    void an_unknown_token_is_not_found_and_a_full_cache_forgets_everything() {
        assertNull(verified.find("other"));
        for (int i = 0; i < VerifiedTokens.MAX_ENTRIES; i++) {
            verified.remember("token-" + i, alice);
        }
        verified.remember("one-more", alice);

        assertNull(verified.find("token-0"));
        assertSame(alice, verified.find("one-more"));
    }
}
