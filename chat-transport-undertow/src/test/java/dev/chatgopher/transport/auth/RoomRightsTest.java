package dev.chatgopher.transport.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomSelection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Room patterns as tokens write them: exact, prefix and every room. */
class RoomRightsTest {

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
        "general, general,   true",
        "general, general-2, false",
        "general, genera,    false",
        "team-*,  team-1,    true",
        "team-*,  team-,     true",
        "team-*,  team,      false",
        "team-*,  teams,     false",
        "*,       anything,  true",
    })
    void a_pattern_covers_exactly_its_rooms(String pattern, String room, boolean covered) {
        assertEquals(covered, RoomPattern.parse(pattern).matches(RoomId.of(room)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "General", "team*x", "-team*", "**", "a b"})
    void text_that_is_no_pattern_is_refused(String pattern) {
        assertThrows(InvalidInputException.class, () -> RoomPattern.parse(pattern));
    }

    @Test
    void rooms_star_needs_the_star_right_and_a_named_selection_needs_every_room() {
        RoomRights teams = RoomRights.parse(List.of("team-*", "general"));

        assertFalse(teams.allows(RoomSelection.all()));
        assertTrue(RoomRights.parse(List.of("*")).allows(RoomSelection.all()));
        assertTrue(teams.allows(RoomSelection.only(Set.of(RoomId.of("team-1"), RoomId.GENERAL))));
        assertFalse(teams.allows(RoomSelection.only(Set.of(RoomId.of("team-1"), RoomId.of("random")))));
        assertFalse(RoomRights.NONE.allows(RoomId.GENERAL));
    }

    @ParameterizedTest(name = "{0} within prefix ''{1}'' lists ''{2}''")
    @CsvSource({
        "team-*,  '',      team-",
        "team-*,  te,      team-",
        "team-*,  team-b,  team-b",
        "team-*,  x,       ",
        "general, gen,     general",
        "general, x,       ",
        "*,       lo,      lo",
    })
    void a_pattern_lists_its_rooms_within_a_requested_prefix(String pattern, String requested, String expected) {
        assertEquals(Optional.ofNullable(expected), RoomPattern.parse(pattern).listingPrefixWithin(requested));
    }
}
