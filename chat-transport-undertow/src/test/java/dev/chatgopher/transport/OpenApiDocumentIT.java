package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@code GET /openapi.yaml} is valid OpenAPI 3.1 and documents exactly the routes the server serves. */
class OpenApiDocumentIT {

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat();

    @Test
    void is_served_as_yaml() {
        HttpResponse<String> response = chat.http.get("/openapi.yaml");

        assertEquals(200, response.statusCode());
        assertEquals(
                "application/yaml; charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(
                response.body().startsWith("openapi: 3.1."),
                response.body().lines().findFirst().orElse(""));
    }

    @Test
    void parses_as_openapi_3_1_with_every_reference_resolved() {
        SwaggerParseResult result = parse();

        assertEquals(List.of(), result.getMessages(), "the parser's complaints");
        assertTrue(
                result.getOpenAPI().getOpenapi().startsWith("3.1."),
                result.getOpenAPI().getOpenapi());
    }

    @Test
    void documents_exactly_the_paths_and_methods_the_server_routes() {
        OpenAPI document = parse().getOpenAPI();
        Map<String, Set<String>> documented = new TreeMap<>();
        document.getPaths().forEach((path, item) -> documented.put(path, methods(item)));

        Map<String, Set<String>> served = new TreeMap<>();
        // A folder route "/assets/*" is documented as "/assets/{file}".
        chat.server
                .routes()
                .forEach((path, methods) -> served.put(path.replaceAll("/\\*$", "/{file}"), new TreeSet<>(methods)));

        assertEquals(served, documented);
    }

    @Test
    void describes_an_answer_for_every_operation_and_the_websocket_frames_in_words() {
        OpenAPI document = parse().getOpenAPI();

        document.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> assertTrue(
                                operation.getResponses() != null
                                        && !operation.getResponses().isEmpty(),
                                method + " " + path)));
        var webSocket = document.getPaths().get("/ws").getGet();
        assertTrue(webSocket.getResponses().containsKey("101"));
        assertTrue(webSocket.getDescription().contains("after=<last id received>"), webSocket.getDescription());
        assertTrue(webSocket.getExtensions().containsKey("x-websocket"));
    }

    private SwaggerParseResult parse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(chat.http.get("/openapi.yaml").body(), null, options);
    }

    private static Set<String> methods(PathItem item) {
        Set<String> methods = new TreeSet<>();
        item.readOperationsMap()
                .keySet()
                .forEach(method -> methods.add(method.name().toUpperCase(Locale.ROOT)));
        return methods;
    }
}
