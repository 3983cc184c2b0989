package dev.chatgopher.app;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedH2DeliveryIT extends DeliveryContract {

    @TempDir
    static Path dataDirectory;

    @Override
    protected Map<String, String> databaseEnvironment() {
        return Map.of("CHAT_DATA_DIR", dataDirectory.toString());
    }
}
