package dev.chatgopher.domain.model;

/** The caller's input breaks a rule of the domain; the message says which, in words a client can show. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }
}
