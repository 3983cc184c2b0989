package dev.chatgopher.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "3f1c9a2e-5b1d-4c1e-9d7e-1a2b3c4d5e6f", "!~{}[]|\\^`"})
    void accepts_visible_ascii(String value) {
        assertEquals(value, new IdempotencyKey(value).value());
    }

    @Test
    void accepts_exactly_128_characters() {
        assertEquals(128, new IdempotencyKey("k".repeat(128)).value().length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "tab\there", "ключ", "new\nline"})
    void refuses_empty_invisible_or_non_ascii_keys(String value) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new IdempotencyKey(value));
        assertEquals("Idempotency-Key must be 1 to 128 visible ASCII characters", e.getMessage());
    }

    @Test
    void refuses_129_characters_and_null() {
        assertThrows(InvalidInputException.class, () -> new IdempotencyKey("k".repeat(129)));
        assertThrows(InvalidInputException.class, () -> new IdempotencyKey(null));
    }

    @Test
    void a_scope_is_the_subjects_the_same_for_the_same_subject_and_of_one_length_for_any() {
        IdempotencyKey key = new IdempotencyKey("order-1");

        assertEquals(key.scopedTo("alice"), key.scopedTo("alice"));
        assertNotEquals(key.scopedTo("alice").stored(), key.scopedTo("bob").stored());
        assertEquals("order-1", key.scopedTo("alice").value(), "the client's key, as it sent it");
        assertEquals(
                IdempotencyKey.MAX_STORED_LENGTH,
                new IdempotencyKey("k".repeat(IdempotencyKey.MAX_LENGTH))
                        .scopedTo("x".repeat(10_000))
                        .stored()
                        .length());
    }

    @Test
    void a_scoped_key_is_never_stored_as_a_key_of_everyones() {
        IdempotencyKey scoped = new IdempotencyKey("order-1").scopedTo("alice");

        assertEquals("order-1", new IdempotencyKey("order-1").stored());
        assertTrue(scoped.stored().contains(" "), "a space, which no client's key has: " + scoped.stored());
        assertThrows(InvalidInputException.class, () -> new IdempotencyKey(scoped.stored()));
    }
}
