package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.app.browser.ChatPage;
import dev.chatgopher.app.browser.ChatPage.Shown;
import dev.chatgopher.app.browser.HeadlessChromium;
import dev.chatgopher.transport.testing.Http;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page across a server restart: it says so, comes back by itself and shows what was sent meanwhile. */
class WebClientReconnectIT {

    @TempDir
    Path dataDirectory;

    private ChatApplication app;
    private final HeadlessChromium chromium = HeadlessChromium.start();

    @AfterEach
    void stop() {
        try {
            chromium.close();
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }

    @Test
    void after_a_restart_the_page_reconnects_by_itself_and_shows_what_was_sent_meanwhile() {
        int port = TestApplications.freePort();
        app = TestApplications.onEmbeddedH2(dataDirectory, port);
        ChatPage page = new ChatPage(chromium.driver(), port).open();
        assertEquals(
                200,
                Http.onPort(port)
                        .postJson("{\"sequence\": 1, \"text\": \"before the restart\"}")
                        .statusCode());
        page.awaitMessage("before the restart");

        app.close();
        app = null;
        page.awaitConnection("reconnecting");
        assertEquals("Reconnecting…", page.connectionLabel());
        // Sent while nothing listens on the page's port: the page can only show it by catching up.
        try (ChatApplication elsewhere = TestApplications.onEmbeddedH2(dataDirectory, 0)) {
            assertEquals(
                    200,
                    Http.onPort(elsewhere.port())
                            .postJson("{\"sequence\": 2, \"text\": \"sent meanwhile\"}")
                            .statusCode());
            assertEquals(200, postToRoom(elsewhere.port(), "elsewhere", "sent meanwhile to another room"));
        }
        app = TestApplications.onEmbeddedH2(dataDirectory, port);

        page.awaitMessage("sent meanwhile");
        page.awaitConnection("live");
        page.awaitUnread("elsewhere", 1);
        assertEquals("Live", page.connectionLabel());
        assertEquals(
                200,
                Http.onPort(port)
                        .postJson("{\"sequence\": 3, \"text\": \"after the restart\"}")
                        .statusCode());
        page.awaitMessage("after the restart");
        List<Shown> stream = page.stream();
        assertEquals(
                List.of("before the restart", "sent meanwhile", "after the restart"),
                stream.stream().map(Shown::text).toList(),
                "each message once, in order");
        assertTrue(
                stream.get(0).id() < stream.get(1).id()
                        && stream.get(1).id() < stream.get(2).id(),
                stream.toString());
        page.clickRoom("elsewhere");
        assertEquals(
                List.of("sent meanwhile to another room"),
                page.awaitNonEmptyStream().stream().map(Shown::text).toList(),
                "the other room's message, caught up over the same socket");
    }

    private static int postToRoom(int port, String room, String text) {
        Http http = Http.onPort(port);
        return http.send(HttpRequest.newBuilder(http.uri("/api/rooms/" + room + "/messages"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"sequence\": 1, \"text\": \"" + text + "\"}"))
                        .build())
                .statusCode();
    }
}
