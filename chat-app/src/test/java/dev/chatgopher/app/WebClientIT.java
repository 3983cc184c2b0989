package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatgopher.app.browser.ChatPage;
import dev.chatgopher.app.browser.ChatPage.Shown;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The chat page in a real headless Chromium against the assembled application on H2: what a person sees and
 * does. One application and one browser serve every test; each test loads a fresh page.
 */
class WebClientIT extends BrowserAgainstEmbeddedApp {

    @Test
    void a_message_typed_in_one_window_appears_live_in_another() {
        String sender = driver.getWindowHandle();
        page.open();
        String receiver = driver.switchTo().newWindow(WindowType.WINDOW).getWindowHandle();
        try {
            ChatPage watching = new ChatPage(driver, app.port()).open();
            driver.switchTo().window(sender);
            String text = "typed in one window " + System.nanoTime();

            page.send(text);

            Shown mine = page.awaitMessage(text);
            assertEquals("", page.text(), "the compose box is cleared after a send");
            assertEquals("2", page.sequence(), "the sequence number moves on by itself");
            driver.switchTo().window(receiver);
            Shown seen = watching.awaitMessage(text);
            assertEquals(mine.id(), seen.id());
            assertTrue(seen.meta().contains("#" + seen.id() + " · seq 1"), seen.meta());
        } finally {
            driver.switchTo().window(receiver).close();
            driver.switchTo().window(sender);
        }
    }

    @Test
    void a_message_sent_over_http_appears_in_the_page() throws Exception {
        page.open();
        String text = "sent over HTTP " + System.nanoTime();

        JsonNode sent = post(7, text);

        Shown shown = page.awaitMessage(text);
        assertEquals(sent.get("id").asLong(), shown.id());
        assertTrue(shown.meta().contains("seq 7"), shown.meta());
    }

    @Test
    void markup_in_a_message_is_shown_as_text_and_runs_nothing() throws Exception {
        page.open();
        String text = "<img src=x onerror=\"document.title='xss'\"><b>bold</b> " + System.nanoTime();

        post(1, text);

        page.awaitMessage(text);
        JavascriptExecutor script = driver;
        assertEquals(
                0L,
                script.executeScript("return document.querySelectorAll('#stream img, #stream b').length"),
                "the message text must not become elements");
        assertEquals("Chat Gopher", driver.getTitle());
    }

    @Test
    void the_history_panel_finds_a_message_by_a_range_in_local_time() throws Exception {
        page.open();
        String text = "to be found in the history " + System.nanoTime();
        Instant created = Instant.parse(post(3, text).get("created_at").asText());
        // The range a person would pick: the message's second in the browser's own time zone.
        Instant from = created.truncatedTo(ChronoUnit.SECONDS);
        Instant to = from.plusSeconds(1);
        LocalDateTime localFrom = ChatPage.browserLocalTime(from);

        page.searchHistory(localFrom, ChatPage.browserLocalTime(to));

        List<Shown> found = page.await(
                d -> {
                    List<Shown> results = page.historyResults();
                    return results.stream().anyMatch(shown -> shown.text().equals(text)) ? results : null;
                },
                "the history panel to find " + text);
        // Exactly what the API answers for the same range: "to" a second means to the end of that second.
        List<Long> expectedIds = idsOf(JSON.readTree(
                http.history(from.toString(), to.plusMillis(999).toString()).body()));
        assertEquals(expectedIds, found.stream().map(Shown::id).toList());
        assertTrue(
                page.historyStatus()
                        .startsWith(expectedIds.size() == 1 ? "1 message, " : expectedIds.size() + " messages, "),
                page.historyStatus());
    }

    @Test
    void a_history_range_the_server_refuses_is_explained_in_its_words() {
        page.open();
        LocalDateTime now = ChatPage.browserLocalTime(Instant.now());

        page.searchHistory(now, now.minusMinutes(5));

        assertEquals("from must not be after to", page.awaitHistoryError());
    }

    @Test
    void a_send_the_server_refuses_is_explained_in_its_words_and_the_text_is_kept() {
        page.open();

        page.send("   ");

        assertEquals(
                "Not sent: text must not be blank",
                page.await(
                        d -> page.composeError().isEmpty() ? null : page.composeError(),
                        "the compose box to show the refusal"));
        assertEquals("   ", page.text());
        assertEquals("1", page.sequence(), "a refused message does not use up a sequence number");
    }

    @Test
    void the_counter_counts_characters_and_refuses_the_129th() {
        page.open();
        // Two bytes each in UTF-8: a byte counter would stop at 64.
        page.textInput().sendKeys("ж".repeat(128));
        assertEquals("128/128", page.counter());

        page.textInput().sendKeys("x");

        assertEquals("ж".repeat(128), page.text());
        assertEquals("128/128", page.counter());
    }

    @Test
    void an_emoji_counts_as_one_character_as_the_server_counts_it() {
        page.open();
        // Two UTF-16 units each: a maxlength attribute would stop at 64 of them.
        driver.executeScript(
                "arguments[0].focus(); document.execCommand('insertText', false, arguments[1]);",
                page.textInput(),
                "\uD83D\uDE80".repeat(127));
        page.textInput().sendKeys("a");
        assertEquals("128/128", page.counter());

        page.textInput().sendKeys("b", "\n");

        String text = "\uD83D\uDE80".repeat(127) + "a";
        page.awaitMessage(text);
        assertEquals("", page.composeError());
    }

    @Test
    void the_page_loads_everything_it_needs_without_a_console_error() {
        consoleProblems(); // forget what earlier tests logged

        page.open();

        assertEquals(
                List.of(),
                consoleProblems(),
                "a blocked script, style or connection (Content-Security-Policy) shows here");
    }

    @Test
    void sending_and_receiving_live_raises_no_content_security_policy_violation() {
        // Installed before any script of the page runs, so a violation while loading is recorded too.
        Map<String, Object> recorder = driver.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of(
                        "source",
                        "window.cspViolations = [];"
                                + " document.addEventListener('securitypolicyviolation', event =>"
                                + " window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));"));
        try {
            page.open(); // and waits until its WebSocket is live
            String text = "under the policy " + System.nanoTime();

            page.send(text);
            page.awaitMessage(text);

            assertEquals(List.of(), cspViolations(), "the page, its modules, its WebSocket and its fetches");
            // The recorder can fail: an inline script, which the policy forbids, is reported and does not run.
            driver.executeScript("const inline = document.createElement('script');"
                    + " inline.textContent = 'window.inlineRan = true'; document.head.appendChild(inline);");
            page.await(d -> cspViolations().isEmpty() ? null : true, "the inline script to be reported");
            assertTrue(
                    cspViolations().getFirst().startsWith("script-src"),
                    cspViolations().toString());
            assertEquals(false, driver.executeScript("return window.inlineRan === true"));
        } finally {
            driver.executeCdpCommand(
                    "Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", recorder.get("identifier")));
            consoleProblems(); // the refused inline script is this test's own doing
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> cspViolations() {
        return (List<String>) driver.executeScript("return window.cspViolations || []");
    }

    @Test
    void swagger_ui_shows_our_document_within_its_content_security_policy() {
        consoleProblems();

        driver.get("http://localhost:" + app.port() + "/swagger/");

        page.await(
                d -> d.findElements(By.cssSelector(".info .title")).stream()
                                .anyMatch(title -> title.getText().startsWith("Chat Gopher"))
                        ? true
                        : null,
                "Swagger UI to show our title");
        List<String> operations = driver.findElements(By.cssSelector(".opblock-summary-path")).stream()
                .map(path -> path.getDomAttribute("data-path"))
                .toList();
        assertTrue(operations.containsAll(List.of("/api/messages", "/ws", "/openapi.yaml")), operations.toString());
        assertEquals(List.of(), consoleProblems());
    }

    /** Warnings and errors the browser logged since the last call (reading the log empties it). */
    private List<LogEntry> consoleProblems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .toList();
    }

    private static JsonNode post(long sequence, String text) throws Exception {
        HttpResponse<String> response =
                http.postJson(JSON.writeValueAsString(Map.of("sequence", sequence, "text", text)));
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static List<Long> idsOf(JsonNode messages) {
        return StreamSupport.stream(messages.spliterator(), false)
                .map(message -> message.get("id").asLong())
                .toList();
    }
}
