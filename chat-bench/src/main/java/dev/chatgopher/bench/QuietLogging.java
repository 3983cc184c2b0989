package dev.chatgopher.bench;

import java.util.logging.Level;
import java.util.logging.Logger;

/** XNIO and Undertow log their version banners through java.util.logging; the bench's output is its report. */
final class QuietLogging {

    private static final Logger XNIO = Logger.getLogger("org.xnio");
    private static final Logger UNDERTOW = Logger.getLogger("io.undertow");

    private QuietLogging() {}

    static void apply() {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        XNIO.setLevel(Level.WARNING);
        UNDERTOW.setLevel(Level.WARNING);
    }
}
