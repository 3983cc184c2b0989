package dev.chatgopher.transport.origin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * One allowed browser origin: {@code https://chat.example.com}, {@code http://localhost:8080}, or with a port
 * wildcard, {@code http://localhost:*} (any port, or none).
 */
record OriginPattern(String scheme, String host, int port, boolean anyPort) {

    /** Reads a configured origin; anything that is not {@code scheme://host[:port|:*]} is refused in one sentence. */
    static OriginPattern parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        boolean anyPort = trimmed.endsWith(":*");
        Origin origin = Origin.parse(anyPort ? trimmed.substring(0, trimmed.length() - 2) : trimmed);
        if (origin == null) {
            throw new IllegalArgumentException(
                    "an allowed origin must be scheme://host, scheme://host:port or scheme://host:*, got \"" + text
                            + "\"");
        }
        return new OriginPattern(origin.scheme(), origin.host(), origin.port(), anyPort);
    }

    boolean matches(Origin origin) {
        return scheme.equals(origin.scheme()) && host.equals(origin.host()) && (anyPort || port == origin.port());
    }

    /**
     * An origin as a browser sends it ({@code Origin} header): scheme, host and port, the port filled in from the
     * scheme when left out.
     */
    record Origin(String scheme, String host, int port) {

        /** The origin, or null when the text is not one (a path, user info, {@code null}, another scheme). */
        static Origin parse(String text) {
            try {
                URI uri = new URI(text.trim().toLowerCase(Locale.ROOT));
                String scheme = uri.getScheme();
                if (scheme == null
                        || !(scheme.equals("http") || scheme.equals("https"))
                        || uri.getHost() == null
                        || uri.getRawUserInfo() != null
                        || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                        || uri.getRawQuery() != null
                        || uri.getRawFragment() != null) {
                    return null;
                }
                int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
                return new Origin(scheme, uri.getHost(), port);
            } catch (URISyntaxException e) {
                return null;
            }
        }

        boolean hasDefaultPort() {
            return port == defaultPort(scheme);
        }

        private static int defaultPort(String scheme) {
            return scheme.equals("https") ? 443 : 80;
        }
    }
}
