package dev.chatgopher.bench;

import dev.chatgopher.persistence.jooq.EmbeddedH2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.SQLDialect;
import org.postgresql.ds.PGSimpleDataSource;

/** A database the bench knows how to reach: a fresh embedded H2 directory, or a PostgreSQL server. */
record DatabaseSpec(SQLDialect dialect, String jdbcUrl, String user, String password, Path h2Directory) {

    static DatabaseSpec freshEmbedded() {
        try {
            Path directory = Files.createTempDirectory("chat-bench-h2-");
            return new DatabaseSpec(SQLDialect.H2, EmbeddedH2.jdbcUrl(directory), "sa", "", directory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a directory for the embedded database", e);
        }
    }

    /** From the option, else the server's own variables (DB_URL, DB_HOST...), else the local test server. */
    static DatabaseSpec postgres(String optionUrl) {
        Map<String, String> environment = System.getenv();
        String url = optionUrl;
        if (url == null) {
            url = environment.get("DB_URL");
        }
        if (url == null && environment.get("DB_HOST") != null) {
            url = "jdbc:postgresql://" + environment.get("DB_HOST") + ":" + environment.getOrDefault("DB_PORT", "5432")
                    + "/" + environment.getOrDefault("DB_NAME", "chat_gopher");
        }
        if (url == null) {
            url = "jdbc:postgresql://127.0.0.1:5432/test";
        }
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("the PostgreSQL URL must start with jdbc:postgresql://, got " + url);
        }
        Map<String, String> parameters = parameters(url);
        String user = environment.getOrDefault("DB_USER", parameters.getOrDefault("user", "postgres"));
        String password = environment.getOrDefault("DB_PASSWORD", parameters.getOrDefault("password", ""));
        return new DatabaseSpec(SQLDialect.POSTGRES, url, user, password, null);
    }

    boolean isPostgres() {
        return dialect == SQLDialect.POSTGRES;
    }

    /** What a spawned server needs in its environment to use this database. */
    Map<String, String> serverEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        if (isPostgres()) {
            environment.put("DB_URL", jdbcUrl);
            environment.put("DB_USER", user);
            environment.put("DB_PASSWORD", password);
        } else {
            environment.put("CHAT_DATA_DIR", h2Directory.toString());
        }
        return environment;
    }

    DataSource dataSource() {
        if (isPostgres()) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(jdbcUrl);
            dataSource.setUser(user);
            dataSource.setPassword(password);
            return dataSource;
        }
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    /** Host, port, database and schema (from {@code currentSchema}) for command-line tools such as pgbench. */
    Map<String, String> postgresCoordinates() {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        Map<String, String> coordinates = new LinkedHashMap<>();
        coordinates.put("host", uri.getHost());
        coordinates.put("port", Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()));
        coordinates.put("database", uri.getPath().substring(1));
        coordinates.put("user", user);
        String schema = parameters(jdbcUrl).get("currentSchema");
        if (schema != null) {
            coordinates.put("schema", schema);
        }
        return coordinates;
    }

    String describe() {
        if (isPostgres()) {
            Map<String, String> at = postgresCoordinates();
            return "PostgreSQL at " + at.get("host") + ":" + at.get("port") + "/" + at.get("database");
        }
        return "embedded H2 in " + h2Directory;
    }

    /** Removes a fresh embedded database's directory. */
    void deleteIfTemporary() {
        if (h2Directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(h2Directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    private static Map<String, String> parameters(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int query = url.indexOf('?');
        if (query < 0) {
            return parameters;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            String[] keyValue = pair.split("=", 2);
            parameters.put(keyValue[0], keyValue.length > 1 ? keyValue[1] : "");
        }
        return parameters;
    }
}
