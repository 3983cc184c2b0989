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

    /** A message as the page shows it; {@code author} is null when it shows none. */
    public record Shown(long id, String text, String meta, String author) {}

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

    /** Loads the page (a fresh page) at a room's address, {@code /#/r/<room>}, and waits until it is live there. */
    public ChatPage openRoom(String room) {
        // A new address that differs only in its fragment would not load a fresh page.
        driver.get("about:blank");
        driver.get(baseUrl + "/#/r/" + room);
        awaitConnection("live");
        awaitOpenRoom(room);
        return this;
    }

    /** The room the stream shows, as its heading names it. */
    public String openRoomName() {
        return driver.findElement(By.id("room-title")).getText();
    }

    public void awaitOpenRoom(String room) {
        await(d -> room.equals(openRoomName()), "the page to show room " + room);
    }

    /** The rooms the list shows, top to bottom. */
    public List<String> listedRooms() {
        return driver.findElements(By.cssSelector("#rooms [data-room]")).stream()
                .map(link -> link.getDomAttribute("data-room"))
                .toList();
    }

    /** The unread count the list shows for a room (0 when none), or -1 when the room is not listed. */
    public int unread(String room) {
        // Read in one script: the list is redrawn as messages arrive, so elements found earlier go stale.
        Object count = ((JavascriptExecutor) driver).executeScript("""
                const link = [...document.querySelectorAll('#rooms [data-room]')]
                    .find(candidate => candidate.dataset.room === arguments[0]);
                return link ? Number(link.dataset.unread) : -1;""", room);
        return ((Number) count).intValue();
    }

    public void awaitUnread(String room, int count) {
        await(d -> unread(room) == count, "room " + room + " to show " + count + " unread");
    }

    /** What the list says under a room's name: its message count and last activity. */
    public String roomSummary(String room) {
        return driver.findElement(By.cssSelector("#rooms [data-room='" + room + "'] .room-meta"))
                .getText();
    }

    /** Clicks a room in the list and waits until the stream shows it. */
    public void clickRoom(String room) {
        // The list is redrawn as messages arrive: find the link afresh until the click lands.
        await(
                d -> {
                    try {
                        d.findElement(By.cssSelector("#rooms [data-room='" + room + "']"))
                                .click();
                        return true;
                    } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                        return null;
                    }
                },
                "a click on room " + room);
        awaitOpenRoom(room);
    }

    /** Types a room name into the join field and presses Enter. */
    public void joinRoom(String name) {
        WebElement input = driver.findElement(By.id("join-room"));
        input.clear();
        input.sendKeys(name, Keys.ENTER);
    }

    public String joinError() {
        WebElement error = driver.findElement(By.id("join-error"));
        return error.isDisplayed() ? error.getText() : "";
    }

    public String roomError() {
        WebElement error = driver.findElement(By.id("room-error"));
        return error.isDisplayed() ? error.getText() : "";
    }

    /** Replaces the author name, as a person types it. */
    public void setAuthor(String name) {
        WebElement input = driver.findElement(By.id("author"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(name);
    }

    public String author() {
        return driver.findElement(By.id("author")).getDomProperty("value");
    }

    /** Whether the page offers to load older messages of the open room. */
    public boolean offersOlder() {
        return driver.findElement(By.id("load-older")).isDisplayed();
    }

    /** Scrolls the stream to its top until the page stops offering older messages (a page came back short). */
    public void scrollUpToTheStart() {
        await(
                d -> {
                    ((JavascriptExecutor) d).executeScript("document.getElementById('stream').scrollTop = 0");
                    return offersOlder() ? null : true;
                },
                "the offer of older messages to go");
    }

    /** Scrolls the stream to its top, again and again as older pages arrive, until it shows this text. */
    public Shown scrollUpUntil(String text) {
        return await(
                d -> {
                    ((JavascriptExecutor) d).executeScript("document.getElementById('stream').scrollTop = 0");
                    return find(stream(), text);
                },
                "scrolling up to reach " + text);
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

    /** Waits until the live stream shows something, and returns it. */
    public List<Shown> awaitNonEmptyStream() {
        return await(d -> stream().isEmpty() ? null : stream(), "the stream to show a message");
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
                  author: item.querySelector('.author')?.textContent ?? null,
                }));""", listId);
        return items.stream()
                .map(item -> new Shown(
                        Long.parseLong((String) item.get("id")),
                        (String) item.get("text"),
                        (String) item.get("meta"),
                        (String) item.get("author")))
                .toList();
    }
}
