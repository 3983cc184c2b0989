package dev.chatgopher.domain.model;

import java.util.Objects;

/**
 * A message a client asks to send: the room it goes to, who wrote it ({@code null} for nobody in particular), the
 * client's own sequence number (stored and echoed, never interpreted) and a text that is not blank and is
 * well-formed Unicode without NUL characters. The length limit is configurable, so it is checked by
 * {@link TextLengthLimit}, not here.
 */
public record NewMessage(RoomId room, Author author, long sequence, String text) {

    public NewMessage {
        Objects.requireNonNull(room, "room");
        if (text == null) {
            throw new InvalidInputException("text is required");
        }
        if (UnicodeText.isBlank(text)) {
            throw new InvalidInputException("text must not be blank");
        }
        if (text.indexOf('\0') >= 0) {
            throw new InvalidInputException("text must not contain NUL characters");
        }
        UnicodeText.requireWellFormed(text, "text");
    }

    /** Length in Unicode code points, which is what users count as characters (an emoji is one). */
    public int codePointLength() {
        return text.codePointCount(0, text.length());
    }

    /** Whether a stored message is this one: what an idempotency key must name again to be a repeat, not a conflict. */
    public boolean sameAs(Message stored) {
        return stored.room().equals(room)
                && Objects.equals(stored.author(), author)
                && stored.sequence() == sequence
                && stored.text().equals(text);
    }
}
