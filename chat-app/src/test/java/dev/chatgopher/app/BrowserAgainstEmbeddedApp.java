package dev.chatgopher.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgopher.app.browser.ChatPage;
import dev.chatgopher.app.browser.HeadlessChromium;
import dev.chatgopher.transport.testing.Http;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * One headless Chromium and one assembled application on H2 for all the tests of a class; each test gets the
 * browser's driver and a page object for it, and loads a fresh page.
 */
abstract class BrowserAgainstEmbeddedApp {

    protected static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDirectory;

    protected static ChatApplication app;
    protected static HeadlessChromium chromium;
    protected static Http http;

    protected final ChromeDriver driver = chromium.driver();
    protected final ChatPage page = new ChatPage(driver, app.port());

    @BeforeAll
    static void startBrowserAndApplication() {
        chromium = HeadlessChromium.start();
        app = TestApplications.onEmbeddedH2(dataDirectory, 0);
        http = Http.onPort(app.port());
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
}
