package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The headers that keep a browser from misreading answers and the page from being framed or injected into. */
class SecurityHeadersIT {

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat();

    @Test
    void every_answer_api_errors_and_files_alike_says_nosniff() {
        List<HttpResponse<String>> answers = List.of(
                chat.http.postJson("{\"text\": \"hello\"}"),
                chat.http.get("/api/messages?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z"),
                chat.http.get("/api/rooms"),
                chat.http.get("/no/such/thing"),
                chat.http.postJson("{not json"),
                chat.http.get("/health/live"),
                chat.http.get("/"),
                chat.http.get("/assets/main.js"),
                chat.http.get("/openapi.yaml"));

        for (HttpResponse<String> answer : answers) {
            assertEquals(
                    "nosniff",
                    answer.headers().firstValue("X-Content-Type-Options").orElse(null),
                    answer.request().method() + " " + answer.uri() + " answered " + answer.statusCode());
        }
    }

    @Test
    void the_chat_page_forbids_inline_code_plugins_base_changes_and_framing_and_sends_no_referrer() {
        HttpResponse<String> page = chat.http.get("/");

        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        for (String directive : List.of(
                "default-src 'none'",
                "script-src 'self'",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'none'",
                "frame-ancestors 'none'")) {
            assertTrue(policy.contains(directive), directive + " missing from " + policy);
        }
        assertFalse(policy.contains("unsafe-inline"), policy);
        assertFalse(policy.contains("unsafe-eval"), policy);
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow());
    }

    @Test
    void swagger_ui_has_its_own_policy_inline_styles_only_and_still_no_framing() {
        HttpResponse<String> page = chat.http.get("/swagger/");

        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(policy.contains("style-src 'self' 'unsafe-inline'"), policy);
        assertTrue(policy.contains("script-src 'self';"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow());
    }
}
