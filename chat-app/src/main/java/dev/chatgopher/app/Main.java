package dev.chatgopher.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar chat-gopher.jar}: configuration from the environment, shutdown on SIGTERM. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Before jOOQ is loaded: no banner, no tips in the log.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Logger log = LoggerFactory.getLogger(Main.class);
        ChatApplication application;
        try {
            application = ChatApplication.start(AppSettings.from(ConfigLoader.load()));
        } catch (StartupException e) {
            log.error(e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(application::close, "shutdown"));
    }
}
