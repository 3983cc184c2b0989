package dev.chatgopher.transport;

import dev.chatgopher.transport.limits.LimitSettings;
import dev.chatgopher.transport.origin.AllowedOrigins;
import dev.chatgopher.transport.proxy.TrustedProxies;
import dev.chatgopher.transport.tls.TlsSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * What faces the network beyond the routes: the browser origins trusted, the reverse proxies believed about the
 * client's address, the abuse limits, and an optional TLS listener.
 *
 * @param tls an HTTPS/WSS listener besides the plain one, or empty for none
 */
public record EdgeSettings(
        AllowedOrigins allowedOrigins, TrustedProxies trustedProxies, LimitSettings limits, Optional<TlsSettings> tls) {

    /** A local run: the local origins for WebSockets, no CORS, no proxy, no limits, no TLS. */
    public static final EdgeSettings DEFAULT =
            new EdgeSettings(AllowedOrigins.defaults(), TrustedProxies.none(), LimitSettings.OFF, Optional.empty());

    public EdgeSettings {
        Objects.requireNonNull(allowedOrigins, "allowedOrigins");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tls, "tls");
    }

    public EdgeSettings withAllowedOrigins(AllowedOrigins origins) {
        return new EdgeSettings(origins, trustedProxies, limits, tls);
    }

    public EdgeSettings withTrustedProxies(TrustedProxies proxies) {
        return new EdgeSettings(allowedOrigins, proxies, limits, tls);
    }

    public EdgeSettings withLimits(LimitSettings settings) {
        return new EdgeSettings(allowedOrigins, trustedProxies, settings, tls);
    }

    public EdgeSettings withTls(TlsSettings settings) {
        return new EdgeSettings(allowedOrigins, trustedProxies, limits, Optional.of(settings));
    }
}
