package dev.chatgopher.transport.web;

import dev.chatgopher.transport.http.Routes;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * What a browser gets: the chat page at {@code /} with its assets under {@code /assets/}, the original program's
 * page paths as redirects to the matching view, the OpenAPI document and Swagger UI showing it.
 */
public final class WebRoutes {

    /**
     * The page may load only its own scripts and styles and talk only to its own server ({@code 'self'} covers its
     * own {@code ws:}/{@code wss:} address too), runs no inline code, and may not be framed by another page.
     */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /**
     * Swagger UI (React) sets style attributes and inlines small images, so its pages alone allow inline styles;
     * it still runs no inline script and loads no script of another origin.
     */
    static final String SWAGGER_UI_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private static final String SWAGGER_UI_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private WebRoutes() {}

    public static void addTo(Routes routes) {
        ClasspathFiles page = new ClasspathFiles(List.of("web"), PAGE_POLICY);
        ClasspathFiles openApi = new ClasspathFiles(List.of(""), PAGE_POLICY);
        // Our swagger-initializer.js (pointing at /openapi.yaml) comes first and hides the webjar's petstore one.
        ClasspathFiles swaggerUi = new ClasspathFiles(
                List.of("swagger", "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion()), SWAGGER_UI_POLICY);
        routes.add(Methods.GET, "/", page.file("index.html"))
                .add(Methods.GET, "/assets/*", page.folder("/assets/"))
                .add(Methods.GET, "/send", redirect("/#send"))
                .add(Methods.GET, "/realtime", redirect("/#live"))
                .add(Methods.GET, "/history", redirect("/#history"))
                .add(Methods.GET, "/openapi.yaml", openApi.file("openapi.yaml"))
                .add(Methods.GET, "/swagger", redirect("/swagger/"))
                .add(Methods.GET, "/swagger/*", swaggerUi.folder("/swagger/", "index.html"));
    }

    private static HttpHandler redirect(String location) {
        return exchange -> {
            exchange.setStatusCode(StatusCodes.FOUND);
            exchange.getResponseHeaders().put(Headers.LOCATION, location);
            exchange.endExchange();
        };
    }

    /** The webjar keeps its files under its version; its Maven metadata says which (no webjars-locator needed). */
    private static String swaggerUiVersion() {
        try (InputStream in = WebRoutes.class.getClassLoader().getResourceAsStream(SWAGGER_UI_POM)) {
            if (in == null) {
                throw new IllegalStateException("Swagger UI (org.webjars:swagger-ui) is not on the classpath: "
                        + SWAGGER_UI_POM + " is missing");
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + SWAGGER_UI_POM, e);
        }
    }
}
