package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.transport.testing.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The chat page, its files and Swagger UI as a browser fetches them: types, caching, policy, redirects, 404s. */
class WebClientFilesIT {

    private static final Pattern PAGE_LINK = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"");
    private static final Pattern MODULE_IMPORT = Pattern.compile("from \"\\./([^\"]+)\"");

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat();

    @Test
    void the_page_is_utf8_html_that_may_run_only_its_own_scripts() {
        HttpResponse<String> page = chat.http.get("/");

        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", header(page, "Content-Type"));
        assertEquals("no-cache", header(page, "Cache-Control"));
        String policy = header(page, "Content-Security-Policy");
        assertTrue(policy.contains("default-src 'none'"), policy);
        assertTrue(policy.contains("script-src 'self';"), policy);
        assertTrue(policy.contains("connect-src 'self';"), policy);
        assertFalse(policy.contains("unsafe"), policy);
        assertTrue(page.body().contains("<script type=\"module\" src=\"/assets/main.js\"></script>"));
    }

    @Test
    void every_file_the_page_and_its_modules_load_is_served_with_its_type() {
        Set<String> loaded = new LinkedHashSet<>();
        Deque<String> toFetch = new ArrayDeque<>();
        Matcher links = PAGE_LINK.matcher(chat.http.get("/").body());
        while (links.find()) {
            toFetch.add(links.group(1));
        }
        while (!toFetch.isEmpty()) {
            String path = toFetch.poll();
            if (!loaded.add(path)) {
                continue;
            }
            HttpResponse<String> file = chat.http.get(path);
            assertEquals(200, file.statusCode(), path);
            assertEquals(expectedType(path), header(file, "Content-Type"), path);
            Matcher imports = MODULE_IMPORT.matcher(file.body());
            while (imports.find()) {
                toFetch.add("/assets/" + imports.group(1));
            }
        }
        assertTrue(
                loaded.containsAll(Set.of("/assets/main.js", "/assets/live.js", "/assets/chat.css")),
                loaded.toString());
    }

    @Test
    void an_unchanged_file_is_answered_304_by_etag_or_by_date() {
        HttpResponse<String> first = chat.http.get("/assets/main.js");
        String etag = header(first, "ETag");
        String lastModified = header(first, "Last-Modified");

        HttpResponse<String> byEtag = conditionalGet("/assets/main.js", "If-None-Match", etag);
        HttpResponse<String> byDate = conditionalGet("/assets/main.js", "If-Modified-Since", lastModified);
        HttpResponse<String> otherEtag = conditionalGet("/assets/main.js", "If-None-Match", "\"something-else\"");

        assertEquals(304, byEtag.statusCode());
        assertEquals("", byEtag.body());
        assertEquals(etag, header(byEtag, "ETag"));
        assertEquals(304, byDate.statusCode());
        assertEquals(200, otherEtag.statusCode());
        assertEquals(first.body(), otherEtag.body());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/assets/nope.js",
                "/assets/",
                "/assets/../openapi.yaml",
                "/assets/..%2Fopenapi.yaml",
                "/assets/.hidden",
                "/swagger/nope.js",
                "/swagger/..%2F..%2Fweb%2Findex.html"
            })
    void an_unknown_or_escaping_file_name_is_a_json_404(String path) throws Exception {
        HttpResponse<String> response =
                chat.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + chat.server.port() + path))
                        .build());

        assertEquals(404, response.statusCode(), response.body());
        assertEquals("application/json", header(response, "Content-Type"));
        assertTrue(Http.errorMessage(response).startsWith("no such file: "), response.body());
    }

    @Test
    void files_are_read_only() throws Exception {
        HttpResponse<String> response = chat.http.send(HttpRequest.newBuilder(chat.http.uri("/assets/main.js"))
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build());

        assertEquals(405, response.statusCode());
        assertEquals("GET", header(response, "Allow"));
        assertEquals("method POST is not allowed on /assets/main.js; use GET", Http.errorMessage(response));
    }

    @ParameterizedTest
    @CsvSource({"/send, /#send", "/realtime, /#live", "/history, /#history", "/swagger, /swagger/"})
    void the_original_page_paths_redirect_to_their_view(String path, String location) {
        HttpResponse<String> response = chat.http.get(path);

        assertEquals(302, response.statusCode());
        assertEquals(location, header(response, "Location"));
    }

    @Test
    void swagger_ui_is_served_from_the_webjar_and_shows_our_document() {
        HttpResponse<String> page = chat.http.get("/swagger/");
        HttpResponse<String> initializer = chat.http.get("/swagger/swagger-initializer.js");
        HttpResponse<String> bundle = chat.http.get("/swagger/swagger-ui-bundle.js");

        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", header(page, "Content-Type"));
        assertTrue(page.body().contains("swagger-ui-bundle.js"), page.body());
        assertTrue(header(page, "Content-Security-Policy").contains("script-src 'self';"));
        assertEquals(200, initializer.statusCode());
        assertTrue(initializer.body().contains("url: \"/openapi.yaml\""), initializer.body());
        assertFalse(initializer.body().contains("petstore.swagger.io"), initializer.body());
        assertEquals(200, bundle.statusCode());
        assertEquals("text/javascript; charset=utf-8", header(bundle, "Content-Type"));
    }

    private HttpResponse<String> conditionalGet(String path, String header, String value) {
        return chat.http.send(HttpRequest.newBuilder(chat.http.uri(path))
                .header(header, value)
                .GET()
                .build());
    }

    private static String expectedType(String path) {
        if (path.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (path.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (path.endsWith(".svg")) {
            return "image/svg+xml; charset=utf-8";
        }
        throw new AssertionError("the page loads a file of an unexpected kind: " + path);
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }
}
