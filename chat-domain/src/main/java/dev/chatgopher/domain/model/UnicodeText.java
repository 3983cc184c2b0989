package dev.chatgopher.domain.model;

/** Checks on user-written text that {@link String} gets wrong or does not offer. */
final class UnicodeText {

    private UnicodeText() {}

    /**
     * Whether the text holds only white space by Unicode's definition: {@link String#isBlank} misses the no-break
     * spaces (U+00A0, U+2007, U+202F), so a name of them would look empty on every screen.
     */
    static boolean isBlank(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    /** Refuses lone surrogates, which no encoder can write as UTF-8. */
    static void requireWellFormed(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInputException(what + " is not valid Unicode: lone surrogate at index " + i);
            }
        }
    }
}
