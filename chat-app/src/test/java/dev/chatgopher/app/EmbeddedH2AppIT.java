package dev.chatgopher.app;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The default a user gets from {@code java -jar}: nothing configured, an H2 file under the data directory. */
class EmbeddedH2AppIT extends AssembledAppContract {

    @TempDir
    Path dataDirectory;

    @Override
    protected Map<String, String> databaseEnvironment() {
        return Map.of("CHAT_DATA_DIR", dataDirectory.toString());
    }
}
