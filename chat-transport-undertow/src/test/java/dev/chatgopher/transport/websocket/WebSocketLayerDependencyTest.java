package dev.chatgopher.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The RFC 6455 layer knows nothing of the chat: it imports the JDK, Undertow's I/O types and the strict UTF-8
 * decoder, never the sessions ({@code ws}), the domain, JSON or metrics. The chat side can reach only its public
 * surface, which the compiler already enforces.
 */
class WebSocketLayerDependencyTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/chatgopher/transport/websocket");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final List<String> ALLOWED = List.of(
            "java.",
            "io.undertow.",
            "org.xnio.",
            "dev.chatgopher.transport.json.StrictUtf8",
            "dev.chatgopher.transport.websocket.");

    @Test
    void the_protocol_layer_imports_nothing_of_the_chat() throws IOException {
        List<String> offending = new ArrayList<>();
        int files = 0;
        try (Stream<Path> sources = Files.list(SOURCES)) {
            for (Path source :
                    sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                files++;
                Matcher imports = IMPORT.matcher(Files.readString(source));
                while (imports.find()) {
                    String imported = imports.group(1);
                    if (ALLOWED.stream().noneMatch(imported::startsWith)) {
                        offending.add(source.getFileName() + " imports " + imported);
                    }
                }
            }
        }
        assertTrue(files >= 6, "expected to scan the protocol layer, found " + files + " files");
        assertEquals(List.of(), offending);
    }
}
