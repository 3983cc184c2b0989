package dev.chatgopher.app.browser;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The chat page as a person uses it, in one browser window: what they see and what they do. */
public final class ChatPage {

    /** Long enough for a reconnect after a server restart (the page retries up to every 5 s). */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    /** A message as the page shows it. */
    public record Shown(long id, String text, String meta) {}

    private final WebDriver driver;
    private final String baseUrl;

    public ChatPage(WebDriver driver, int port) {
        this.driver = driver;
        this.baseUrl = "http://localhost:" + port;
    }

    /** Loads the page (a fresh page: nothing kept from before) and waits until its stream is live. */
    public ChatPage open() {
        driver.get(baseUrl + "/");
        awaitConnection("live");
        return this;
    }

    public void awaitConnection(String state) {
        await(d -> state.equals(connectionState()), "the connection badge to say " + state);
    }

    /** The badge's state ({@code connecting}, {@code live}, {@code reconnecting}, {@code offline}) and word. */
    public String connectionState() {
        return driver.findElement(By.id("connection")).getDomAttribute("data-state");
    }

    public String connectionLabel() {
        return driver.findElement(By.id("connection-label")).getText();
    }

    /** Types the text into the compose box and presses Enter. */
    public void send(String text) {
        WebElement input = driver.findElement(By.id("text"));
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    public WebElement textInput() {
        return driver.findElement(By.id("text"));
    }

    public String text() {
        return textInput().getDomProperty("value");
    }

    public String sequence() {
        return driver.findElement(By.id("sequence")).getDomProperty("value");
    }

    public String counter() {
        return driver.findElement(By.id("counter")).getText();
    }

    public String composeError() {
        WebElement error = driver.findElement(By.id("compose-error"));
        return error.isDisplayed() ? error.getText() : "";
    }

    /** The live stream, top to bottom. */
    public List<Shown> stream() {
        return messagesIn("stream");
    }

    public List<Shown> historyResults() {
        return messagesIn("history-results");
    }

    /** Waits until the live stream shows a message with exactly this text. */
    public Shown awaitMessage(String text) {
        return await(d -> find(stream(), text), "the stream to show " + text);
    }

    /** Sets both ends of the range as a person would pick them in the browser's local time, then searches. */
    public void searchHistory(LocalDateTime from, LocalDateTime to) {
        JavascriptExecutor script = (JavascriptExecutor) driver;
        script.executeScript(
                "arguments[0].value = arguments[2]; arguments[1].value = arguments[3];",
                driver.findElement(By.id("from")),
                driver.findElement(By.id("to")),
                LOCAL_INPUT.format(from),
                LOCAL_INPUT.format(to));
        driver.findElement(By.cssSelector("#range button[type=submit]")).click();
    }

    public String historyStatus() {
        return driver.findElement(By.id("history-status")).getText();
    }

    public String awaitHistoryError() {
        return await(
                d -> {
                    WebElement error = d.findElement(By.id("history-error"));
                    return error.isDisplayed() && !error.getText().isEmpty() ? error.getText() : null;
                },
                "the history panel to show an error");
    }

    /** What the page's clock calls this instant: the browser runs in {@link HeadlessChromium#TIME_ZONE}. */
    public static LocalDateTime browserLocalTime(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneId.of(HeadlessChromium.TIME_ZONE));
    }

    public <T> T await(java.util.function.Function<WebDriver, T> condition, String what) {
        return new WebDriverWait(driver, WAIT)
                .withMessage("waited " + WAIT.toSeconds() + " s for " + what)
                .until(condition);
    }

    private static Shown find(List<Shown> messages, String text) {
        Optional<Shown> found =
                messages.stream().filter(shown -> shown.text().equals(text)).findFirst();
        return found.orElse(null);
    }

    @SuppressWarnings("unchecked")
    private List<Shown> messagesIn(String listId) {
        List<Map<String, Object>> items =
                (List<Map<String, Object>>) ((JavascriptExecutor) driver).executeScript("""
                return [...document.getElementById(arguments[0]).querySelectorAll('.message')].map(item => ({
                  id: item.dataset.id,
                  text: item.querySelector('.text').textContent,
                  meta: item.querySelector('.meta').textContent,
                }));""", listId);
        return items.stream()
                .map(item -> new Shown(
                        Long.parseLong((String) item.get("id")), (String) item.get("text"), (String) item.get("meta")))
                .toList();
    }
}
