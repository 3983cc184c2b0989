package dev.chatgopher.app;

import dev.chatgopher.persistence.jooq.EmbeddedH2;
import java.nio.file.Path;
import java.time.Duration;
import org.jooq.SQLDialect;

/**
 * Where the messages live: PostgreSQL when a host or URL is configured, otherwise the embedded H2 file database.
 * {@link #description()} names the database for logs and never contains the password.
 */
public record DatabaseSettings(
        String jdbcUrl,
        String user,
        String password,
        SQLDialect dialect,
        int poolSize,
        Duration connectTimeout,
        String description) {

    public DatabaseSettings {
        if (poolSize < 1) {
            throw new StartupException("chat.database.pool-size (DB_POOL_SIZE) must be at least 1, got " + poolSize);
        }
    }

    static DatabaseSettings postgres(
            String host, int port, String name, String user, String password, int poolSize, Duration connectTimeout) {
        return new DatabaseSettings(
                "jdbc:postgresql://" + host + ":" + port + "/" + name,
                user,
                password,
                SQLDialect.POSTGRES,
                poolSize,
                connectTimeout,
                "PostgreSQL at " + host + ":" + port + ", database " + name + ", user " + user);
    }

    static DatabaseSettings url(String jdbcUrl, String user, String password, int poolSize, Duration connectTimeout) {
        SQLDialect dialect;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            dialect = SQLDialect.POSTGRES;
        } else if (jdbcUrl.startsWith("jdbc:h2:")) {
            dialect = SQLDialect.H2;
        } else {
            throw new StartupException("DB_URL must be a jdbc:postgresql: or jdbc:h2: URL, got " + redact(jdbcUrl));
        }
        String product = dialect == SQLDialect.POSTGRES ? "PostgreSQL" : "H2";
        return new DatabaseSettings(
                jdbcUrl,
                user,
                password,
                dialect,
                poolSize,
                connectTimeout,
                product + " at " + redact(jdbcUrl) + ", user " + user);
    }

    static DatabaseSettings embedded(Path directory, int poolSize, Duration connectTimeout) {
        return new DatabaseSettings(
                EmbeddedH2.jdbcUrl(directory),
                "sa",
                "",
                SQLDialect.H2,
                poolSize,
                connectTimeout,
                "embedded H2 database in " + directory.toAbsolutePath().normalize());
    }

    /** Hides a password given inside a JDBC URL. */
    private static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public String toString() {
        return description;
    }
}
