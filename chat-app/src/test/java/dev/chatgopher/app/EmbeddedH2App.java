package dev.chatgopher.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** Starts the assembled application as {@code main} does, on an embedded H2 file in a given directory. */
final class EmbeddedH2App {

    private EmbeddedH2App() {
    }

    /** @param port 0 for any free port */
    static ChatApplication start(Path dataDirectory, int port) {
        Properties properties = new Properties();
        properties.setProperty("chat.http.port", Integer.toString(port));
        return ChatApplication.start(AppSettings.from(
                ConfigLoader.load(Path.of("target"), Map.of("CHAT_DATA_DIR", dataDirectory.toString()), properties)));
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
