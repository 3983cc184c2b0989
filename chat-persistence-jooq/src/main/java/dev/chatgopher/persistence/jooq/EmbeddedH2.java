package dev.chatgopher.persistence.jooq;

import java.nio.file.Path;

/** The embedded default database: an H2 file, in the PostgreSQL compatibility settings jOOQ's names need. */
public final class EmbeddedH2 {

    /**
     * DATABASE_TO_LOWER matches jOOQ's quoted lower-case names; DB_CLOSE_ON_EXIT=FALSE leaves closing to the
     * application's own shutdown, which closes the pool last (H2 closes the file when its last connection goes);
     * LAZY_QUERY_EXECUTION makes H2 hand out rows as it finds them instead of building the whole result first,
     * so history is streamed here too (the history benchmark showed a 1.4 s wait for the first of 50,000 rows).
     */
    private static final String SETTINGS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;LAZY_QUERY_EXECUTION=TRUE";

    private EmbeddedH2() {}

    /** The JDBC URL of the database kept in {@code directory} (created when missing). */
    public static String jdbcUrl(Path directory) {
        Path file = directory.toAbsolutePath().normalize().resolve("chat-gopher");
        return "jdbc:h2:file:" + file + SETTINGS;
    }
}
