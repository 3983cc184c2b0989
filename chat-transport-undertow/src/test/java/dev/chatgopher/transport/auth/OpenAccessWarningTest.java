package dev.chatgopher.transport.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.chatgopher.transport.testing.Tokens;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The one warning line for a server without tokens that other machines can reach. */
class OpenAccessWarningTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(OpenAccessWarning.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
    }

    @Test
    void tokens_off_on_every_interface_warns_in_one_line() {
        OpenAccessWarning.logIfOpen(AuthSettings.OFF, "0.0.0.0");

        List<ILoggingEvent> warnings = lines.list;
        assertEquals(1, warnings.size());
        assertEquals(Level.WARN, warnings.getFirst().getLevel());
        String line = warnings.getFirst().getFormattedMessage();
        assertTrue(
                line.contains("0.0.0.0") && line.contains("anyone who can reach it may read and write every room"),
                line);
        assertTrue(!line.contains("\n"), line);
    }

    @Test
    void tokens_off_on_loopback_or_tokens_on_anywhere_says_nothing() {
        OpenAccessWarning.logIfOpen(AuthSettings.OFF, "localhost");
        OpenAccessWarning.logIfOpen(AuthSettings.OFF, "127.0.0.1");
        OpenAccessWarning.logIfOpen(AuthSettings.tokens(TokenKeys.HmacSecret.of(Tokens.SECRET)), "0.0.0.0");

        assertEquals(List.of(), lines.list);
    }
}
