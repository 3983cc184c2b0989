package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.app.browser.ChatPage;
import dev.chatgopher.app.browser.HeadlessChromium;
import dev.chatgopher.transport.testing.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page at a desktop and a phone width, light and dark, with a short conversation in it: nothing overflows
 * or overlaps, text is readable, and a screenshot of each lands in {@code target/screenshots} (or the folder
 * named by {@code -Dchat.screenshots}; the README's come from here).
 */
class WebClientLayoutIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("chat.screenshots", "target/screenshots"));
    /** WCAG AA for normal text. */
    private static final double READABLE_CONTRAST = 4.5;

    private static HeadlessChromium chromium;

    @TempDir
    Path dataDirectory;

    private ChatApplication app;
    private final ChromeDriver driver = chromium.driver();

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @AfterEach
    void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void on_a_desktop_in_light_mode_both_panels_show_side_by_side() throws IOException {
        ChatPage page = conversationIn(1280, 800, false, "light");
        driver.findElement(By.id("last-ten-minutes")).click();
        page.await(d -> page.historyResults().size() == 5 ? true : null, "the history panel to list the conversation");

        assertFitsWithoutOverlap("#stream", "#history-results", "#send-button", "#text", "#connection");
        assertTrue(isDisplayed("#history") && isDisplayed("#live"), "both panels show");
        assertReadable(false);
        screenshot("screenshot-desktop.png");
    }

    @Test
    void on_a_phone_in_dark_mode_one_view_shows_at_a_time() throws IOException {
        ChatPage page = conversationIn(390, 844, true, "dark");

        assertFitsWithoutOverlap(
                ".brand", "#connection", ".docs", ".views", "#sequence", "#text", "#send-button", "#counter");
        assertTrue(isDisplayed("#live") && !isDisplayed("#history"), "the chat view shows alone");
        assertReadable(true);
        screenshot("screenshot-phone.png");

        driver.findElement(By.cssSelector("[data-view-link=history]")).click();
        page.await(
                d -> isDisplayed("#history") && !isDisplayed("#live") ? true : null,
                "the history tab to replace the chat");
    }

    /** A fresh server with five messages, one of them sent from the page, viewed at this size and color scheme. */
    private ChatPage conversationIn(int width, int height, boolean phone, String colorScheme) {
        app = TestApplications.onEmbeddedH2(dataDirectory, 0);
        Http http = Http.onPort(app.port());
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", phone));
        driver.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", colorScheme))));
        post(http, 1, "Morning! Is the release still on for today?");
        post(http, 2, "Build 2.4.0 is green on both databases.");
        ChatPage page = new ChatPage(driver, app.port()).open();
        page.awaitMessage("Build 2.4.0 is green on both databases.");
        page.send("Great, tagging it at noon.");
        page.awaitMessage("Great, tagging it at noon.");
        post(http, 3, "Markup stays plain text here: <b>not bold</b>");
        post(http, 4, "The history panel takes any range, in your own local time.");
        page.awaitMessage("The history panel takes any range, in your own local time.");
        return page;
    }

    private void assertFitsWithoutOverlap(String... selectors) {
        assertEquals(
                Boolean.TRUE,
                driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"),
                "the page scrolls sideways");
        @SuppressWarnings("unchecked")
        List<Map<String, Number>> boxes = (List<Map<String, Number>>) driver.executeScript("""
                return arguments[0].map(selector => {
                  const box = document.querySelector(selector).getBoundingClientRect();
                  return {left: box.left, top: box.top, right: box.right, bottom: box.bottom};
                });""", List.of(selectors));
        double viewportWidth = ((Number) driver.executeScript("return window.innerWidth")).doubleValue();
        double viewportHeight = ((Number) driver.executeScript("return window.innerHeight")).doubleValue();
        for (int i = 0; i < selectors.length; i++) {
            Map<String, Number> box = boxes.get(i);
            assertTrue(
                    box.get("left").doubleValue() >= 0
                            && box.get("right").doubleValue() <= viewportWidth
                            && box.get("top").doubleValue() >= 0
                            && box.get("bottom").doubleValue() <= viewportHeight,
                    selectors[i] + " is not inside the viewport: " + box);
            for (int j = i + 1; j < selectors.length; j++) {
                assertTrue(
                        !overlap(box, boxes.get(j)),
                        selectors[i] + " overlaps " + selectors[j] + ": " + box + " " + boxes.get(j));
            }
        }
    }

    private static boolean overlap(Map<String, Number> a, Map<String, Number> b) {
        return a.get("left").doubleValue() < b.get("right").doubleValue()
                && b.get("left").doubleValue() < a.get("right").doubleValue()
                && a.get("top").doubleValue() < b.get("bottom").doubleValue()
                && b.get("top").doubleValue() < a.get("bottom").doubleValue();
    }

    /** Message text and its details against their bubble, for a message of the page's own and someone else's. */
    private void assertReadable(boolean dark) {
        @SuppressWarnings("unchecked")
        Map<String, String> colors = (Map<String, String>) driver.executeScript("""
                const color = (selector, property) => getComputedStyle(document.querySelector(selector))[property];
                return {
                  page: color('body', 'backgroundColor'),
                  bubble: color('#stream .message:not(.mine)', 'backgroundColor'),
                  text: color('#stream .message:not(.mine) .text', 'color'),
                  meta: color('#stream .message:not(.mine) .meta', 'color'),
                  mineBubble: color('#stream .message.mine', 'backgroundColor'),
                  mineText: color('#stream .message.mine .text', 'color'),
                };""");
        assertEquals(
                dark,
                Contrast.luminance(colors.get("page")) < 0.2,
                "the page follows the " + (dark ? "dark" : "light") + " scheme: " + colors);
        assertTrue(Contrast.ratio(colors.get("text"), colors.get("bubble")) >= READABLE_CONTRAST, colors.toString());
        assertTrue(Contrast.ratio(colors.get("meta"), colors.get("bubble")) >= READABLE_CONTRAST, colors.toString());
        assertTrue(
                Contrast.ratio(colors.get("mineText"), colors.get("mineBubble")) >= READABLE_CONTRAST,
                colors.toString());
    }

    private boolean isDisplayed(String selector) {
        return driver.findElement(By.cssSelector(selector)).isDisplayed();
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    }

    private static void post(Http http, int sequence, String text) {
        String body = "{\"sequence\": " + sequence + ", \"text\": \"" + text + "\"}";
        assertEquals(200, http.postJson(body).statusCode(), body);
    }
}
