package dev.chatgopher.domain.model;

/** A client's name for one send, so that a retried request stores the message only once: 1 to 128 visible ASCII characters. */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 128;

    public IdempotencyKey {
        if (value == null
                || value.isEmpty()
                || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new InvalidInputException("Idempotency-Key must be 1 to " + MAX_LENGTH + " visible ASCII characters");
        }
    }
}
