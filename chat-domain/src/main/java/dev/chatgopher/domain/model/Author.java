package dev.chatgopher.domain.model;

/**
 * Who wrote a message, as shown to readers: 1 to 64 characters (code points), not blank, no control characters.
 * A message without an author has {@code null} instead.
 */
public record Author(String name) {

    public static final int MAX_LENGTH = 64;
    public static final String RULE =
            "author must be 1 to " + MAX_LENGTH + " characters, not blank, without control characters";

    public Author {
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException(RULE);
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_LENGTH) {
            throw new InvalidInputException(RULE + ", got " + length + " characters");
        }
        if (UnicodeText.isBlank(name)) {
            throw new InvalidInputException(RULE + ", got only spaces");
        }
        int control = UnicodeText.firstCodePoint(name, Character::isISOControl);
        if (control >= 0) {
            throw new InvalidInputException(RULE + ", got U+" + String.format("%04X", control));
        }
        UnicodeText.requireWellFormed(name, "author");
    }

    /** The author named so, or {@code null} for a null name: a message need not have one. */
    public static Author ofNullable(String name) {
        return name == null ? null : new Author(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
