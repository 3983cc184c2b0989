package dev.chatgopher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The rooms mode of {@code history}: M messages spread round robin over N rooms, seeded by the database itself
 * in one {@code insert ... select} (with the {@code rooms} summary filled from them), then "load older" pages,
 * {@code GET /api/rooms/{room}/messages?before=<id>&limit=<n>}, at random rooms and ids: latency, every page
 * checked against the ids seeded, and the database's plan of the store's query.
 */
final class RoomPages {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The store's query for a page before an id: newest first from the cursor, turned around by the store. */
    static final String PAGE_SQL = "select id, room, author, sequence, text, created_at from messages"
            + " where room = ? and id < ? order by room desc, id desc limit ?";

    private final int rooms;
    private final int rows;
    private final int limit;
    private final int reads;
    private final int warmupReads;
    /** Seeded rooms are {@code <prefix>0001} up: the run's own, so that cleaning up touches nothing else. */
    private final String prefix = "h" + UUID.randomUUID().toString().substring(0, 6) + "-";

    private final Rooms names;
    private long[][] ids;
    private double seedSeconds;
    private List<String> plan;

    RoomPages(int rooms, int rows, int limit, int reads, int warmupReads) {
        if (rooms < 1 || rows < rooms) {
            throw new IllegalArgumentException("--rooms must be at least 1 and at most --rows, got " + rooms);
        }
        this.rooms = rooms;
        this.rows = rows;
        this.limit = limit;
        this.reads = reads;
        this.warmupReads = warmupReads;
        this.names = new Rooms(prefix, rooms);
    }

    String room(int index) {
        return names.name(index);
    }

    /** Seeds the rows and the summary into a database already migrated to the server's schema. */
    void seed(DatabaseSpec database) throws SQLException {
        long started = System.nanoTime();
        System.out.printf("[history] seeding %,d messages in %,d rooms (%s...)%n", rows, rooms, room(0));
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            String roomName = "'" + prefix + "' || lpad("
                    + (database.isPostgres()
                            ? "(((g - 1) % " + rooms + ") + 1)::text"
                            : "cast(mod(g - 1, " + rooms + ") + 1 as varchar)")
                    + ", " + names.width() + ", '0')";
            String author = database.isPostgres()
                    ? "case when g % 4 = 0 then null else 'seed author ' || (g % 97) end"
                    : "case when mod(g, 4) = 0 then null else 'seed author ' || cast(mod(g, 97) as varchar) end";
            String text = database.isPostgres()
                    ? "'history rooms seed row ' || g || ' of a benchmark run'"
                    : "'history rooms seed row ' || cast(g as varchar) || ' of a benchmark run'";
            // A millisecond apart from a fixed instant: the time range plays no part in these reads.
            String createdAt = database.isPostgres()
                    ? "timestamptz '2001-01-01 00:00:00+00' + g * interval '1 millisecond'"
                    : "dateadd(millisecond, g, timestamp with time zone '2001-01-01 00:00:00+00')";
            String series = database.isPostgres()
                    ? "generate_series(1, " + rows + ") as s(g)"
                    : "system_range(1, " + rows + ") as s(g)";
            statement.executeUpdate("insert into messages (room, author, sequence, text, created_at) select " + roomName
                    + ", " + author + ", g, " + text + ", " + createdAt + " from " + series);
            statement.executeUpdate("insert into rooms (room, messages, last_id, last_at)"
                    + " select room, count(*), max(id), max(created_at) from messages where room like '" + prefix
                    + "%' group by room");
            if (database.isPostgres()) {
                statement.execute("analyze messages");
                statement.execute("analyze rooms");
            }
        }
        seedSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("[history] seeded in %.1f s; reading back the ids%n", seedSeconds);
        ids = loadIds(database);
        if (!database.isPostgres()) {
            // The embedded database is the server's alone once it runs: its plan is taken now.
            plan = explainMiddleRoom(database);
        }
    }

    private List<String> explainMiddleRoom(DatabaseSpec database) throws SQLException {
        long[] middle = ids[rooms / 2];
        return explain(database, room(rooms / 2), middle.length > 0 ? middle[middle.length / 2] : 1);
    }

    /** Every seeded id, per room, ascending: what each page must hold. */
    private long[][] loadIds(DatabaseSpec database) throws SQLException {
        long[][] perRoom = new long[rooms][];
        int[] counts = new int[rooms];
        for (int i = 0; i < rooms; i++) {
            perRoom[i] = new long[rows / rooms + 1];
        }
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (PreparedStatement select =
                    connection.prepareStatement("select room, id from messages where room like ?")) {
                select.setString(1, prefix + "%");
                select.setFetchSize(10_000);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        int room = Integer.parseInt(result.getString(1).substring(prefix.length())) - 1;
                        if (counts[room] == perRoom[room].length) {
                            perRoom[room] = Arrays.copyOf(perRoom[room], counts[room] * 2);
                        }
                        perRoom[room][counts[room]++] = result.getLong(2);
                    }
                }
            }
            connection.commit();
        }
        for (int i = 0; i < rooms; i++) {
            perRoom[i] = Arrays.copyOf(perRoom[i], counts[i]);
            Arrays.sort(perRoom[i]);
        }
        return perRoom;
    }

    void measure(Target target, Report report, Duration progressEvery) throws Exception {
        report.setting("mode", "rooms: load older pages, GET /api/rooms/{room}/messages?before=<id>&limit=" + limit);
        report.setting("rows", rows);
        report.setting("rooms", rooms);
        report.setting("limit", limit);
        report.setting("reads", reads);
        report.setting("warmup_reads", warmupReads);
        report.result("seed_seconds", Math.round(seedSeconds * 10) / 10.0);
        long seeded = Arrays.stream(ids).mapToLong(room -> room.length).sum();
        report.correctness("seeded_rows_missing_or_extra", Math.abs(seeded - rows));
        long lowest = Arrays.stream(ids)
                .filter(room -> room.length > 0)
                .mapToLong(room -> room[0])
                .min()
                .orElse(1);
        long highest = Arrays.stream(ids)
                .filter(room -> room.length > 0)
                .mapToLong(room -> room[room.length - 1])
                .max()
                .orElse(1);

        HttpClient http = HttpClient.newHttpClient();
        Random random = new Random(42);
        Latencies latencies = new Latencies();
        long wrongPages = 0;
        long pageRows = 0;
        try (Progress ignored = new Progress(
                "history",
                progressEvery,
                () -> String.format(
                        "%,d pages read, p99 %.2f ms",
                        latencies.snapshot().getTotalCount(), latencies.percentileMillis(99)))) {
            for (int i = 0; i < warmupReads + reads; i++) {
                int room = random.nextInt(rooms);
                long before = lowest + (long) (random.nextDouble() * (highest - lowest + 2));
                URI uri = target.baseUri()
                        .resolve("/api/rooms/" + room(room) + "/messages?before=" + before + "&limit=" + limit);
                long started = System.nanoTime();
                HttpResponse<String> response =
                        http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - started;
                if (i >= warmupReads) {
                    latencies.recordNanos(took);
                }
                if (response.statusCode() != 200) {
                    throw new IOException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
                }
                JsonNode page = JSON.readTree(response.body());
                pageRows += page.size();
                if (!matches(page, room, before)) {
                    wrongPages++;
                }
            }
        }
        report.result("page_reads", latencies.summary());
        report.result("rows_per_page_average", Math.round(pageRows * 10.0 / (warmupReads + reads)) / 10.0);
        report.correctness("pages_not_exactly_the_seeded_ids", wrongPages);

        if (plan == null) {
            plan = explainMiddleRoom(target.database());
        }
        System.out.println("[history] plan of " + PAGE_SQL + ":");
        plan.forEach(line -> System.out.println("  " + line));
        report.result("plan_sql", PAGE_SQL);
        report.result("plan", plan);
        boolean rangeScan = isIndexRangeScan(target.database(), plan);
        report.goal(
                "the page query is an index range scan, with no sort step",
                plan.stream()
                        .filter(line -> line.contains("Index") || line.contains("_idx"))
                        .findFirst()
                        .orElse("no index in the plan")
                        .trim(),
                rangeScan);
        double p99 = latencies.percentileMillis(99);
        report.result("page_p50_ms", latencies.percentileMillis(50));
        report.result("page_p99_ms", p99);
    }

    /** The page must hold exactly the room's {@code limit} ids just below {@code before}, oldest first. */
    private boolean matches(JsonNode page, int room, long before) {
        long[] roomIds = ids[room];
        int end = Arrays.binarySearch(roomIds, before);
        end = end >= 0 ? end : -end - 1;
        int start = Math.max(0, end - limit);
        if (!page.isArray() || page.size() != end - start) {
            return false;
        }
        String name = room(room);
        for (int i = 0; i < page.size(); i++) {
            JsonNode message = page.get(i);
            if (message.path("id").asLong() != roomIds[start + i]
                    || !name.equals(message.path("room").asText())) {
                return false;
            }
        }
        return true;
    }

    /** The database's plan of {@link #PAGE_SQL}, executed (analyze) with these arguments. */
    List<String> explain(DatabaseSpec database, String room, long before) throws SQLException {
        String explain = database.isPostgres() ? "explain (analyze, buffers) " : "explain analyze ";
        List<String> lines = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(explain + PAGE_SQL)) {
            statement.setString(1, room);
            statement.setLong(2, before);
            statement.setInt(3, limit);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    lines.addAll(Arrays.asList(result.getString(1).split("\n")));
                }
            }
        }
        return lines;
    }

    /**
     * PostgreSQL: an index scan whose condition holds both the room and the id bound, and no sort node. H2: the
     * room and id condition in the index comment of the table, and the order taken from the index.
     */
    static boolean isIndexRangeScan(DatabaseSpec database, List<String> plan) {
        String text = String.join("\n", plan);
        if (database.isPostgres()) {
            return text.contains("Index Scan")
                    && plan.stream()
                            .anyMatch(line ->
                                    line.contains("Index Cond") && line.contains("room") && line.contains("id <"))
                    && !text.contains("Sort");
        }
        String upper = text.toUpperCase();
        return upper.matches("(?s).*/\\* [A-Z0-9_.\"]+: ROOM = .*ID < .*\\*/.*") && upper.contains("INDEX SORTED");
    }

    /** Deletes this run's rows and room summaries. */
    void cleanUp(DatabaseSpec database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from rooms where room like '" + prefix + "%'");
            statement.executeUpdate("delete from messages where room like '" + prefix + "%'");
        }
    }
}
