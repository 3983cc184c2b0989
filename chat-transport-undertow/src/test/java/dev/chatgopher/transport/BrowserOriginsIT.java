package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.transport.origin.AllowedOrigins;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.Upgrade;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Origin check on the WebSocket upgrade: a page of another site cannot open a socket in the user's name. */
class BrowserOriginsIT {

    @Test
    void by_default_a_page_of_another_site_is_refused_403_before_the_upgrade() {
        try (InMemoryChat chat = new InMemoryChat();
                Upgrade upgrade = Upgrade.attempt(chat.server.port(), "/ws", "Origin: https://evil.example")) {
            assertEquals(403, upgrade.status());
            assertEquals("application/json", upgrade.answer().header("Content-Type"));
            assertEquals(
                    "WebSocket connections from the origin https://evil.example are not allowed",
                    Http.errorMessage(upgrade.answer().body()));
            assertEquals(0, chat.server.webSocketSessions());
        }
    }

    @Test
    void by_default_the_servers_own_pages_local_pages_and_clients_without_origin_are_upgraded() {
        try (InMemoryChat chat = new InMemoryChat()) {
            int port = chat.server.port();
            for (String origin : List.of(
                    "Origin: http://localhost:" + port,
                    "Origin: http://localhost:5173",
                    "Origin: http://127.0.0.1:3000",
                    "Origin: http://localhost",
                    "User-Agent: not-a-browser")) {
                try (Upgrade upgrade = Upgrade.attempt(port, "/ws", origin)) {
                    assertEquals(101, upgrade.status(), origin);
                }
            }
        }
    }

    @Test
    void origin_null_from_a_sandboxed_frame_or_a_file_is_refused() {
        try (InMemoryChat chat = new InMemoryChat();
                Upgrade upgrade = Upgrade.attempt(chat.server.port(), "/ws", "Origin: null")) {
            assertEquals(403, upgrade.status());
        }
    }

    @Test
    void a_configured_list_replaces_the_local_defaults_but_the_servers_own_pages_stay_allowed() {
        EdgeSettings edge = EdgeSettings.DEFAULT.withAllowedOrigins(
                AllowedOrigins.of(List.of("https://chat.example.com", "http://localhost:8081")));
        try (InMemoryChat chat = new InMemoryChat(InMemoryChat.with(edge))) {
            int port = chat.server.port();
            try (Upgrade listed = Upgrade.attempt(port, "/ws", "Origin: https://chat.example.com");
                    Upgrade own = Upgrade.attempt(port, "/ws", "Origin: http://localhost:" + port);
                    Upgrade local = Upgrade.attempt(port, "/ws", "Origin: http://localhost:5173");
                    Upgrade otherScheme = Upgrade.attempt(port, "/ws", "Origin: http://chat.example.com");
                    Upgrade otherPort = Upgrade.attempt(port, "/ws", "Origin: https://chat.example.com:8443")) {
                assertEquals(101, listed.status());
                assertEquals(101, own.status());
                assertEquals(403, local.status());
                assertEquals(403, otherScheme.status());
                assertEquals(403, otherPort.status());
            }
        }
    }

    @Test
    void an_origin_that_is_not_scheme_host_and_port_is_refused_as_configuration() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> AllowedOrigins.of(List.of("chat.example.com/path")));

        assertTrue(refused.getMessage().startsWith("an allowed origin must be scheme://host"), refused.getMessage());
    }
}
