package dev.chatgopher.domain.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A client's name for one send, so that a retried request stores the message only once: 1 to 128 visible ASCII
 * characters. A key may belong to a scope ({@link #scopedTo}): with tokens on, each subject's keys are its own, so
 * two callers who happen to pick the same key (a counter, say) store two messages and never see each other's.
 *
 * @param value the key as the client sent it
 * @param scope whose key it is: a digest of the subject, or null for a key of everyone's (tokens off)
 */
public record IdempotencyKey(String value, String scope) {

    public static final int MAX_LENGTH = 128;

    /** Characters of a scope: 132 bits of a SHA-256, base64url, whatever the subject's length. */
    static final int SCOPE_LENGTH = 22;

    /** The longest {@link #stored()} form: a scope, a space, a key. */
    public static final int MAX_STORED_LENGTH = SCOPE_LENGTH + 1 + MAX_LENGTH;

    public IdempotencyKey {
        if (value == null
                || value.isEmpty()
                || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new InvalidInputException("Idempotency-Key must be 1 to " + MAX_LENGTH + " visible ASCII characters");
        }
        if (scope != null && scope.length() != SCOPE_LENGTH) {
            throw new IllegalArgumentException("a scope is " + SCOPE_LENGTH + " characters, got " + scope.length());
        }
    }

    /** A key of everyone's: the only kind while tokens are off. */
    public IdempotencyKey(String value) {
        this(value, null);
    }

    /** The same key as the subject's own. */
    public IdempotencyKey scopedTo(String subject) {
        return new IdempotencyKey(value, digest(subject));
    }

    /**
     * What a store keeps and looks up: the key alone, or its scope, a space and the key. A client's key has no
     * space, so a scoped key never meets one of everyone's.
     */
    public String stored() {
        return scope == null ? value : scope + " " + value;
    }

    private static String digest(String subject) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, SCOPE_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
