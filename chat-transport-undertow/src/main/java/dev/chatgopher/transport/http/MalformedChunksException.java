package dev.chatgopher.transport.http;

import java.io.IOException;

/** A chunked request body that breaks RFC 9112's chunked coding; the message says how, in words for the client. */
final class MalformedChunksException extends IOException {

    MalformedChunksException(String message) {
        super(message, null);
    }
}
