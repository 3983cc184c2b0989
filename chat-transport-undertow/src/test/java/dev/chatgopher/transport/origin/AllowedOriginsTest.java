package dev.chatgopher.transport.origin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedOriginsTest {

    @Test
    void the_defaults_allow_local_pages_on_any_port_and_the_servers_own_but_share_nothing_cross_site() {
        AllowedOrigins defaults = AllowedOrigins.defaults();

        assertTrue(defaults.allowsWebSocket("http://localhost:3000", "chat.example.com"));
        assertTrue(defaults.allowsWebSocket("http://127.0.0.1", "chat.example.com"));
        assertTrue(defaults.allowsWebSocket("https://chat.example.com", "chat.example.com"));
        assertTrue(defaults.allowsWebSocket("http://chat.example.com:8080", "Chat.Example.com:8080"));
        assertTrue(defaults.allowsWebSocket(null, "chat.example.com"), "not a browser page");
        assertFalse(defaults.allowsWebSocket("https://localhost:3000", "chat.example.com"), "another scheme");
        assertFalse(defaults.allowsWebSocket("http://chat.example.com:8081", "chat.example.com:8080"));
        assertFalse(defaults.allowsWebSocket("https://chat.example.com.evil.example", "chat.example.com"));
        assertFalse(defaults.allowsWebSocket("null", "chat.example.com"));
        assertFalse(defaults.allowsWebSocket("http://localhost:3000/path", "chat.example.com"));
        assertFalse(defaults.corsEnabled());
        assertFalse(defaults.allowsCors("http://localhost:3000"));
    }

    @Test
    void a_configured_list_is_matched_exactly_with_default_ports_filled_in_and_enables_cors() {
        AllowedOrigins configured = AllowedOrigins.of(
                List.of("https://app.example.com", "http://dev.example.com:*", "HTTP://Caps.Example"));

        assertTrue(configured.corsEnabled());
        assertTrue(configured.allowsCors("https://app.example.com"));
        assertTrue(configured.allowsCors("https://app.example.com:443"));
        assertTrue(configured.allowsCors("http://dev.example.com:9000"));
        assertTrue(configured.allowsCors("http://caps.example"));
        assertFalse(configured.allowsCors("https://app.example.com:8443"));
        assertFalse(configured.allowsCors("http://app.example.com"));
        assertFalse(configured.allowsCors("http://localhost:3000"), "the local defaults are replaced");
        assertFalse(configured.allowsWebSocket("http://localhost:3000", "chat.example.com"));
    }

    @Test
    void an_empty_list_means_the_defaults() {
        assertFalse(AllowedOrigins.of(List.of(" ", "")).corsEnabled());
    }
}
