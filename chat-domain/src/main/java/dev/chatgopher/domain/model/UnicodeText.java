package dev.chatgopher.domain.model;

import java.util.function.IntPredicate;

/** Checks on user-written text that {@link String} gets wrong or does not offer. */
final class UnicodeText {

    private UnicodeText() {}

    /**
     * Whether the text shows nothing a reader can see: every code point is white space by Unicode's
     * {@code White_Space} property or Java's {@link Character#isWhitespace} (which adds the separators U+001C to
     * U+001F), or is a {@code Default_Ignorable_Code_Point} (zero-width spaces and joiners, U+FEFF, variation
     * selectors, Hangul fillers). {@link String#isBlank} misses the no-break spaces (U+00A0, U+2007, U+202F) and
     * U+0085, so a text of them would look empty on every screen.
     */
    static boolean isBlank(String text) {
        return firstCodePoint(text, c -> !isWhiteSpace(c) && !isDefaultIgnorable(c)) < 0;
    }

    /**
     * The first code point of the text that matches, or -1 when none does. A loop, not {@code codePoints()}: the
     * checks run for every message and author, and a stream pipeline is garbage each time.
     */
    static int firstCodePoint(String text, IntPredicate matching) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (matching.test(c)) {
                return c;
            }
            i += Character.charCount(c);
        }
        return -1;
    }

    private static boolean isWhiteSpace(int c) {
        // White_Space is Zs, Zl, Zp (isSpaceChar) plus U+0009 to U+000D (isWhitespace) and U+0085.
        return Character.isSpaceChar(c) || Character.isWhitespace(c) || c == 0x0085;
    }

    /** Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), which the JDK does not expose. */
    private static boolean isDefaultIgnorable(int c) {
        return c == 0x00AD
                || c == 0x034F
                || c == 0x061C
                || (c >= 0x115F && c <= 0x1160)
                || (c >= 0x17B4 && c <= 0x17B5)
                || (c >= 0x180B && c <= 0x180F)
                || (c >= 0x200B && c <= 0x200F)
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2060 && c <= 0x206F)
                || c == 0x3164
                || (c >= 0xFE00 && c <= 0xFE0F)
                || c == 0xFEFF
                || c == 0xFFA0
                || (c >= 0xFFF0 && c <= 0xFFF8)
                || (c >= 0x1BCA0 && c <= 0x1BCA3)
                || (c >= 0x1D173 && c <= 0x1D17A)
                || (c >= 0xE0000 && c <= 0xE0FFF);
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
