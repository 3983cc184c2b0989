package dev.chatgopher.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** Starts the assembled application as {@code main} does, from environment variables, for tests. */
final class TestApplications {

    private TestApplications() {}

    /** @param port 0 for any free port */
    static ChatApplication start(Map<String, String> environment, int port) {
        Properties properties = new Properties();
        properties.setProperty("chat.http.port", Integer.toString(port));
        return ChatApplication.start(AppSettings.from(ConfigLoader.load(Path.of("target"), environment, properties)));
    }

    /** On an embedded H2 file in the given directory. */
    static ChatApplication onEmbeddedH2(Path dataDirectory, int port) {
        return start(Map.of("CHAT_DATA_DIR", dataDirectory.toString()), port);
    }

    /** A port free right now, for a server that must come back on the same port after a restart. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
