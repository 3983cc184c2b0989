package dev.chatgopher.domain.model;

/**
 * A message a client asks to send: its own sequence number (stored and echoed, never interpreted) and a text
 * that is not blank and is well-formed Unicode without NUL characters. The length limit is configurable, so
 * it is checked by {@link TextLengthLimit}, not here.
 */
public record NewMessage(long sequence, String text) {

    public NewMessage {
        if (text == null) {
            throw new InvalidInputException("text is required");
        }
        if (text.isBlank()) {
            throw new InvalidInputException("text must not be blank");
        }
        checkWellFormed(text);
    }

    /** Length in Unicode code points, which is what users count as characters (an emoji is one). */
    public int codePointLength() {
        return text.codePointCount(0, text.length());
    }

    private static void checkWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                throw new InvalidInputException("text must not contain NUL characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInputException("text is not valid Unicode: lone surrogate at index " + i);
            }
        }
    }
}
