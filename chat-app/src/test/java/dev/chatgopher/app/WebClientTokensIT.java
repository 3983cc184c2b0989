package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.app.browser.ChatPage;
import dev.chatgopher.app.browser.HeadlessChromium;
import dev.chatgopher.transport.testing.Tokens;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page with tokens on, in a real headless Chromium against the assembled application on H2: signed in by
 * {@code #token=}, it shows who, sends as the token's name, and shows a refusal for a room outside the rights.
 */
class WebClientTokensIT {

    @TempDir
    static Path dataDirectory;

    private static ChatApplication app;
    private static HeadlessChromium chromium;

    private final ChromeDriver driver = chromium.driver();
    private final ChatPage page = new ChatPage(driver, app.port());

    @BeforeAll
    static void startBrowserAndApplication() {
        chromium = HeadlessChromium.start();
        app = TestApplications.start(
                Map.of(
                        "CHAT_DATA_DIR",
                        dataDirectory.toString(),
                        "CHAT_AUTH_MODE",
                        "token",
                        "CHAT_AUTH_HMAC_SECRET",
                        Tokens.SECRET),
                0);
    }

    @AfterAll
    static void stopBrowserAndApplication() {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            if (chromium != null) {
                chromium.close();
            }
        }
    }

    @Test
    void signed_in_by_the_address_the_page_shows_who_sends_as_the_token_and_shows_a_refused_room() {
        String token = Tokens.hs256("alice")
                .name("Alice Example")
                .read("*")
                .write("general")
                .sign();

        driver.get("about:blank");
        driver.get("http://localhost:" + app.port() + "/#token=" + token);
        page.awaitConnection("live");

        assertFalse(
                driver.getCurrentUrl().contains(token), "the token left the address bar: " + driver.getCurrentUrl());
        assertEquals(
                "Alice Example", driver.findElement(By.id("signed-in-name")).getText());
        assertTrue(driver.findElement(By.id("signed-in")).isDisplayed());
        assertFalse(driver.findElement(By.id("sign-in")).isDisplayed());
        assertEquals(
                token,
                ((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('chatgopher.token')"));
        assertEquals(
                null,
                ((JavascriptExecutor) driver).executeScript("return localStorage.getItem('chatgopher.token')"),
                "kept for the tab only");

        page.send("hello with a token");
        assertEquals("Alice Example", page.awaitMessage("hello with a token").author());

        page.openRoom("secret-1");
        page.send("not for this room");
        String refusal =
                page.await(d -> page.composeError().isEmpty() ? null : page.composeError(), "the refusal to show");
        assertTrue(refusal.contains("may not write to room secret-1"), refusal);
    }

    @Test
    void without_a_token_the_page_shows_the_refusal_and_the_sign_in_field_which_signs_in() {
        driver.get("about:blank");
        driver.get("http://localhost:" + app.port() + "/");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.navigate().refresh();

        String roomError = page.await(d -> page.roomError().isEmpty() ? null : page.roomError(), "a refusal to show");
        assertTrue(roomError.contains("no token"), roomError);
        page.await(d -> d.findElement(By.id("sign-in")).isDisplayed() ? true : null, "the sign-in field to show");

        String token = Tokens.hs256("bob").read("*").write("*").sign();
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.cssSelector("#sign-in button")).click();

        page.awaitConnection("live");
        assertEquals(
                "bob",
                page.await(
                        d -> {
                            String name = d.findElement(By.id("signed-in-name")).getText();
                            return name.isEmpty() ? null : name;
                        },
                        "the name to show"));
        page.send("hello from bob");
        assertEquals("bob", page.awaitMessage("hello from bob").author());
    }
}
