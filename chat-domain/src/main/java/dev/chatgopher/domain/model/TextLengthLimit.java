package dev.chatgopher.domain.model;

/** The configured maximum length of a message text, in Unicode code points. */
public record TextLengthLimit(int maxCodePoints) {

    public static final TextLengthLimit DEFAULT = new TextLengthLimit(128);

    public TextLengthLimit {
        if (maxCodePoints < 1) {
            throw new IllegalArgumentException("maximum text length must be at least 1, got " + maxCodePoints);
        }
    }

    /** Returns the message unchanged when its text fits, otherwise refuses it. */
    public NewMessage check(NewMessage message) {
        int length = message.codePointLength();
        if (length > maxCodePoints) {
            throw new InvalidInputException("text must be 1 to " + maxCodePoints + " characters long, got " + length);
        }
        return message;
    }
}
