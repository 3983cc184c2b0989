package dev.chatgopher.transport.http;

import dev.chatgopher.domain.model.InvalidInputException;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;

/** The query parameters of the API, read one way: each at most once, numbers as plain decimal digits. */
public final class QueryParameters {

    /** Digits of the largest message id, {@link Long#MAX_VALUE}. */
    public static final int MESSAGE_ID_DIGITS = 19;

    private QueryParameters() {}

    static boolean present(HttpServerExchange exchange, String name) {
        return exchange.getQueryParameters().containsKey(name);
    }

    /** The parameter's one value, or {@code null} when it is absent. */
    static String single(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidInputException(name + " must be given once");
        }
        return values.getFirst();
    }

    /** A page size: 1 to {@code max}, {@code otherwise} when absent. */
    static int limit(HttpServerExchange exchange, int max, int otherwise) {
        String value = single(exchange, "limit");
        if (value == null) {
            return otherwise;
        }
        long limit = wholeNumber(value, 4);
        if (limit < 1 || limit > max) {
            throw new InvalidInputException("limit must be a whole number from 1 to " + max + ", got '"
                    + ErrorResponses.shortened(value) + "'");
        }
        return (int) limit;
    }

    /** A message id given as a cursor ({@code before}, {@code after}), or -1 when absent. */
    static long messageId(HttpServerExchange exchange, String name) {
        String value = single(exchange, name);
        if (value == null) {
            return -1;
        }
        long id = wholeNumber(value, MESSAGE_ID_DIGITS);
        if (id < 0) {
            throw new InvalidInputException(name + " must be a message id: a whole number from 0 to " + Long.MAX_VALUE
                    + ", got '" + ErrorResponses.shortened(value) + "'");
        }
        return id;
    }

    /** The value as a number of at most {@code maxDigits} decimal digits, or -1 when it is anything else. */
    public static long wholeNumber(String value, int maxDigits) {
        if (value.isEmpty() || value.length() > maxDigits) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException tooLarge) {
            return -1;
        }
    }
}
