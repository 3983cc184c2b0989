package dev.chatgopher.app;

import java.util.Locale;
import org.jooq.SQLDialect;

/**
 * How committed messages reach this node's WebSocket clients: within the process ({@code local}, one node), or
 * through PostgreSQL ({@code postgres}), so that every node sharing the database delivers every node's messages.
 */
enum FeedMode {
    LOCAL,
    POSTGRES;

    /** {@code chat.feed}: local, postgres, or empty for the database's default (postgres on PostgreSQL, else local). */
    static FeedMode of(String configured, SQLDialect dialect) {
        String mode = configured == null ? "" : configured.strip().toLowerCase(Locale.ROOT);
        boolean onPostgres = dialect.family() == SQLDialect.POSTGRES;
        return switch (mode) {
            case "" -> onPostgres ? POSTGRES : LOCAL;
            case "local" -> LOCAL;
            case "postgres" -> {
                if (!onPostgres) {
                    throw new StartupException("chat.feed (CHAT_FEED) is postgres, which needs PostgreSQL, but the"
                            + " database is " + dialect + ": set CHAT_FEED=local, or configure PostgreSQL");
                }
                yield POSTGRES;
            }
            default ->
                throw new StartupException(
                        "chat.feed (CHAT_FEED) must be local or postgres, got '" + configured.strip() + "'");
        };
    }
}
