package dev.chatgopher.transport.http;

import dev.chatgopher.transport.auth.BearerToken;
import io.undertow.server.HttpServerExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A request's path and query as a log may show them: with the token of {@code access_token=} replaced by REDACTED. */
public final class RequestTarget {

    static final String REDACTED = "REDACTED";

    private RequestTarget() {}

    public static String forLog(HttpServerExchange exchange) {
        String query = exchange.getQueryString();
        return query == null || query.isEmpty()
                ? exchange.getRequestURI()
                : exchange.getRequestURI() + "?" + redacted(query);
    }

    /** The query with the value of every {@code access_token} parameter (however its name is escaped) replaced. */
    static String redacted(String query) {
        StringBuilder shown = new StringBuilder(query.length());
        for (String parameter : query.split("&", -1)) {
            if (!shown.isEmpty()) {
                shown.append('&');
            }
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            shown.append(isToken(name) ? name + "=" + REDACTED : parameter);
        }
        return shown.toString();
    }

    private static boolean isToken(String name) {
        String decoded;
        try {
            decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            decoded = name;
        }
        return decoded.strip().toLowerCase(Locale.ROOT).equals(BearerToken.QUERY_PARAMETER);
    }
}
