package dev.chatgopher.transport.origin;

import dev.chatgopher.transport.origin.OriginPattern.Origin;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The browser origins this server trusts. A WebSocket may always be opened from the server's own origin (the
 * request's {@code Host}), and from the configured origins, or when none are configured from
 * {@code http://localhost:*} and {@code http://127.0.0.1:*}. Cross-origin API calls (CORS) are allowed only for
 * origins configured explicitly: without a list, CORS stays off.
 */
public final class AllowedOrigins {

    /** For a local run: pages served from this machine's loopback names, on any port. */
    public static final List<String> LOCAL_DEFAULTS = List.of("http://localhost:*", "http://127.0.0.1:*");

    private final List<OriginPattern> patterns;
    private final boolean configured;
    private final List<String> texts;

    private AllowedOrigins(List<String> texts, boolean configured) {
        this.texts = List.copyOf(texts);
        this.patterns = texts.stream().map(OriginPattern::parse).toList();
        this.configured = configured;
    }

    /** Nothing configured: the local defaults for WebSockets, and no CORS. */
    public static AllowedOrigins defaults() {
        return new AllowedOrigins(LOCAL_DEFAULTS, false);
    }

    /** The configured list (as {@code chat.http.allowed-origins} has it); an empty one means the defaults. */
    public static AllowedOrigins of(List<String> origins) {
        List<String> given = origins.stream()
                .map(String::trim)
                .filter(text -> !text.isEmpty())
                .toList();
        return given.isEmpty() ? defaults() : new AllowedOrigins(given, true);
    }

    /** Whether cross-origin API calls are answered at all: only with an explicit list. */
    public boolean corsEnabled() {
        return configured;
    }

    /**
     * Whether a page from {@code origin} may open a WebSocket to a server reached as {@code hostHeader}. A request
     * without an Origin is not from a browser page and is allowed; {@code Origin: null} (a sandboxed frame, a file)
     * is not.
     */
    public boolean allowsWebSocket(String origin, String hostHeader) {
        if (origin == null) {
            return true;
        }
        Origin parsed = Origin.parse(origin);
        if (parsed == null) {
            return false;
        }
        return isOwn(parsed, hostHeader) || matchesList(parsed);
    }

    /** Whether an API call from a page of {@code origin} may read the answer (CORS). */
    public boolean allowsCors(String origin) {
        if (!configured || origin == null) {
            return false;
        }
        Origin parsed = Origin.parse(origin);
        return parsed != null && matchesList(parsed);
    }

    /** The origins as configured, for the log. */
    public List<String> list() {
        return texts;
    }

    private boolean matchesList(Origin origin) {
        for (OriginPattern pattern : patterns) {
            if (pattern.matches(origin)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The page came from this very server: same host and port as the request's Host header (a Host without a port
     * means the default port of the page's scheme). The scheme is not compared, so that a server behind a proxy
     * that ends TLS still knows its own pages.
     */
    private static boolean isOwn(Origin origin, String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        try {
            URI host = new URI("http://" + hostHeader.trim().toLowerCase(Locale.ROOT));
            return origin.host().equals(host.getHost())
                    && (host.getPort() < 0 ? origin.hasDefaultPort() : origin.port() == host.getPort());
        } catch (URISyntaxException notAHost) {
            return false;
        }
    }

    @Override
    public String toString() {
        return (configured ? "" : "default ") + texts;
    }
}
