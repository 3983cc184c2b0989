package dev.chatgopher.transport.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.PathTemplateMatcher;
import io.undertow.util.StatusCodes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The route table: exact paths, templates ({@code /api/rooms/{room}/messages}) or a folder (written
 * {@code /folder/*}), and methods, with JSON answers for an
 * unknown path (404) and for a known path asked with the wrong method (405, with the {@code Allow} header
 * listing the right ones).
 */
public final class Routes {

    private final RoutingHandler routing = new RoutingHandler(false);
    private final Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
    /** The same sets, found by the matcher the routing itself uses, so that 405 and routing agree on every path. */
    private final PathTemplateMatcher<Set<String>> methodsByTemplate = new PathTemplateMatcher<>();

    private final RequestMetrics metrics;
    private final HttpHandler notFound;
    private final HttpHandler methodNotAllowed;

    /** Routes whose requests are counted in the registry, by method, route (the template, not the path) and status. */
    public Routes(MeterRegistry registry) {
        this.metrics = new RequestMetrics(registry);
        this.notFound = metrics.countedUnmatched(exchange ->
                ErrorResponses.send(exchange, StatusCodes.NOT_FOUND, "no such endpoint: " + exchange.getRequestPath()));
        this.methodNotAllowed = metrics.countedUnmatched(this::methodNotAllowed);
        routing.setFallbackHandler(notFound);
        routing.setInvalidMethodHandler(methodNotAllowed);
    }

    /** Adds a route; methods are upper case, as HTTP's own are. */
    public Routes add(HttpString method, String path, HttpHandler handler) {
        if (hasLowerCase(method)) {
            throw new IllegalArgumentException("methods are matched case-sensitively; use upper case, not " + method);
        }
        routing.add(method, path, metrics.counted(method.toString(), path, handler));
        methodsByPath
                .computeIfAbsent(path, template -> {
                    Set<String> methods = new TreeSet<>();
                    methodsByTemplate.add(template, methods);
                    return methods;
                })
                .add(method.toString());
        return this;
    }

    /** Every path (a folder as {@code /folder/*}) with the methods it accepts, for documentation checks. */
    public Map<String, Set<String>> methodsByPath() {
        return Map.copyOf(methodsByPath);
    }

    /**
     * The routing, with methods compared case-sensitively as HTTP requires: Undertow's routing compares them
     * ignoring case, so {@code post} would run the POST route.
     */
    public HttpHandler handler() {
        return exchange -> {
            // Every route's method is upper case, so only a method with a lower-case letter can match wrongly.
            if (!hasLowerCase(exchange.getRequestMethod())) {
                routing.handleRequest(exchange);
            } else if (allowedMethods(exchange.getRequestPath()).isEmpty()) {
                notFound.handleRequest(exchange);
            } else {
                methodNotAllowed.handleRequest(exchange);
            }
        };
    }

    private static boolean hasLowerCase(HttpString method) {
        for (int i = 0; i < method.length(); i++) {
            byte b = method.byteAt(i);
            if (b >= 'a' && b <= 'z') {
                return true;
            }
        }
        return false;
    }

    private void methodNotAllowed(HttpServerExchange exchange) {
        Set<String> allowed = allowedMethods(exchange.getRequestPath());
        exchange.getResponseHeaders().put(Headers.ALLOW, String.join(", ", allowed));
        ErrorResponses.send(
                exchange,
                StatusCodes.METHOD_NOT_ALLOWED,
                "method " + exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath() + "; use "
                        + String.join(" or ", allowed));
    }

    private Set<String> allowedMethods(String path) {
        PathTemplateMatcher.PathMatchResult<Set<String>> route = methodsByTemplate.match(path);
        return route == null ? Set.of() : route.getValue();
    }
}
