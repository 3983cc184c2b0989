package dev.chatgopher.domain;

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

/** The domain imports nothing outside the JDK: no framework type may leak into it. */
class DomainDependencyRuleTest {

    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void domain_sources_import_only_the_jdk_and_the_domain() throws IOException {
        List<String> offending = new ArrayList<>();
        int files = 0;
        try (Stream<Path> sources = Files.walk(MAIN_SOURCES)) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                Matcher imports = IMPORT.matcher(Files.readString(source));
                while (imports.find()) {
                    String imported = imports.group(1);
                    if (!imported.startsWith("java.") && !imported.startsWith("dev.chatgopher.domain.")) {
                        offending.add(MAIN_SOURCES.relativize(source) + " imports " + imported);
                    }
                }
            }
        }
        assertTrue(files > 10, "expected to scan the domain sources, found " + files + " files");
        assertEquals(List.of(), offending);
    }

    @Test
    void domain_has_no_declared_dependencies_besides_tests() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher scopes =
                Pattern.compile("<dependency>.*?</dependency>", Pattern.DOTALL).matcher(pom);
        while (scopes.find()) {
            assertTrue(
                    scopes.group().contains("<scope>test</scope>"),
                    "non-test dependency in the domain: " + scopes.group());
        }
    }
}
