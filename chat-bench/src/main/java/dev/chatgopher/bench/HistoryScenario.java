package dev.chatgopher.bench;

import static dev.chatgopher.persistence.jooq.generated.Tables.MESSAGES;

import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.port.out.Submission;
import dev.chatgopher.persistence.jooq.DatabaseMigrations;
import dev.chatgopher.persistence.jooq.JooqMessageStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jooq.impl.DSL;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code history}: seeds M messages through the store (not over HTTP), spread over a week, then times a read of
 * the whole range and of many 10-minute windows: rows per second, time to first byte, and the server's peak heap
 * during the full read.
 *
 * <p>With {@code --rooms N}, the rooms mode instead: M messages in N rooms, then "load older" pages at random
 * rooms and ids, and the plan of their query (see {@link RoomPages}).
 */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = "History reads: the whole seeded range, streamed, and many 10-minute windows.")
final class HistoryScenario extends Scenario {

    private static final Duration SPAN = Duration.ofDays(7);
    private static final byte[] ROW_START = "{\"id\"".getBytes(StandardCharsets.UTF_8);

    @Option(names = "--rows", defaultValue = "1000000", description = "Messages to seed (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(
            names = "--rows-per-instant",
            defaultValue = "1000",
            description =
                    "Seeded rows that share one creation time; instants are spread evenly over a week (default: ${DEFAULT-VALUE}).")
    int rowsPerInstant;

    @Option(
            names = "--windows",
            defaultValue = "100",
            description = "10-minute windows to read (default: ${DEFAULT-VALUE}).")
    int windows;

    @Option(
            names = "--keep-rows",
            description = "Leave the seeded rows in a PostgreSQL database (they are deleted by default).")
    boolean keepRows;

    @Option(
            names = "--rooms",
            defaultValue = "0",
            description =
                    "Rooms mode: seed --rows messages in this many rooms (with the server's own schema) and time"
                            + " GET /api/rooms/{room}/messages?before=<id>&limit=<n> at random rooms and ids; 0: the range reads (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(
            names = "--limit",
            defaultValue = "50",
            description = "Rooms mode: messages per page (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(
            names = "--page-reads",
            defaultValue = "10000",
            description = "Rooms mode: timed page reads, one at a time (default: ${DEFAULT-VALUE}).")
    int pageReads;

    @Option(
            names = "--page-warmup",
            defaultValue = "2000",
            description = "Rooms mode: page reads first, checked but not timed (default: ${DEFAULT-VALUE}).")
    int pageWarmup;

    private RoomPages roomPages;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Instant base =
            Instant.parse("2001-01-01T00:00:00Z").plus(Duration.ofDays(new Random().nextInt(7_000)));
    private int instants;
    private double seedSeconds;

    @Override
    String name() {
        return "history";
    }

    @Override
    void beforeServerStarts(DatabaseSpec database) throws Exception {
        if (rooms == 0) {
            seed(database);
        } else {
            DatabaseMigrations.migrate(database.dataSource(), RoomId.GENERAL);
            roomPages = new RoomPages(rooms, rows, limit, pageReads, pageWarmup);
            roomPages.seed(database);
        }
    }

    @Override
    void measure(Target target, Report report) throws Exception {
        if (target.database() == null) {
            throw new IllegalArgumentException(
                    "history seeds through the store: give --spawn, or --db postgres with the server's database");
        }
        if (rooms > 0) {
            try {
                roomPages.measure(target, report, options.progressEvery);
            } finally {
                if (target.database().isPostgres() && !keepRows) {
                    roomPages.cleanUp(target.database());
                }
            }
            return;
        }
        report.setting("rows", rows);
        report.setting("rows_per_instant", rowsPerInstant);
        report.setting("seeded_span", "7 days from " + base);
        report.setting("windows", windows);
        report.result("seed_seconds", Math.round(seedSeconds * 10) / 10.0);
        try {
            readEverything(target, report);
            readWindows(target, report);
        } finally {
            if (target.database().isPostgres() && !keepRows) {
                try (var connection = target.database().dataSource().getConnection()) {
                    DSL.using(connection)
                            .deleteFrom(MESSAGES)
                            .where(MESSAGES.CREATED_AT.between(base, base.plus(SPAN)))
                            .execute();
                }
            }
        }
    }

    private void seed(DatabaseSpec database) {
        DataSource dataSource = database.dataSource();
        DatabaseMigrations.migrate(dataSource, RoomId.GENERAL);
        JooqMessageStore store = new JooqMessageStore(dataSource, database.dialect());
        instants = (rows + rowsPerInstant - 1) / rowsPerInstant;
        long started = System.nanoTime();
        int seeded = 0;
        for (int instant = 0; instant < instants; instant++) {
            int count = Math.min(rowsPerInstant, rows - seeded);
            int first = seeded;
            List<Submission> batch = IntStream.range(0, count)
                    .mapToObj(i -> Submission.of(new NewMessage(
                            RoomId.GENERAL,
                            null,
                            first + i,
                            "history seed row " + (first + i) + " of a benchmark run")))
                    .toList();
            store.append(batch, instantAt(instant));
            seeded += count;
            if (instant % 100 == 99) {
                System.out.printf("[history] seeded %,d of %,d rows%n", seeded, rows);
            }
        }
        seedSeconds = (System.nanoTime() - started) / 1e9;
    }

    private Instant instantAt(int instant) {
        return base.plusNanos(SPAN.toNanos() / instants * instant);
    }

    /**
     * Reads the whole range twice: once for speed, while the heap in use is sampled (it includes garbage not yet
     * collected), and once more, for a spawned server, with a full collection before every sample, so that the
     * peak shows what the read really keeps alive. A read that collected rows would grow the second figure by the
     * size of the range; a streamed one does not.
     */
    private void readEverything(Target target, Report report) throws Exception {
        // One small read first, so that the figures below are not the first request's class loading and JIT.
        read(target.baseUri(), base, base.plus(Duration.ofMinutes(10)));
        SpawnedServer spawned = target.spawned();
        if (spawned != null) {
            spawned.collectGarbage();
        }
        double heapBefore = target.probe().read().heapUsedBytes();
        HeapPeak inUse = HeapPeak.sample(target, false);
        Read read = read(target.baseUri(), base, base.plus(SPAN));
        double inUsePeak = inUse.stop();
        report.result("full_read", read.describe());
        report.result("full_read_heap_before_mib", mib(heapBefore));
        report.result("full_read_heap_in_use_peak_mib", mib(inUsePeak));
        report.correctness("full_read_rows_missing_or_extra", Math.abs(read.rows - rows));
        if (spawned == null) {
            double riseMib = (inUsePeak - heapBefore) / 1024 / 1024;
            report.result("full_read_heap_rise_mib", Math.round(riseMib * 10) / 10.0);
            goal(report, riseMib, "heap in use");
            return;
        }
        HeapPeak live = HeapPeak.sample(target, true);
        Read again = read(target.baseUri(), base, base.plus(SPAN));
        double livePeak = live.stop();
        double riseMib = (livePeak - heapBefore) / 1024 / 1024;
        report.result("full_read_live_heap_peak_mib", mib(livePeak));
        report.result("full_read_live_heap_rise_mib", Math.round(riseMib * 10) / 10.0);
        report.result("full_read_live_heap_samples", live.samples());
        report.correctness("second_full_read_rows_missing_or_extra", Math.abs(again.rows - rows));
        goal(report, riseMib, "live heap");
    }

    private void goal(Report report, double riseMib, String measure) {
        if (rows >= 1_000_000) {
            report.goal(
                    "1,000,000 rows streamed with the server's heap peak rising less than 64 MiB (" + measure + ")",
                    Math.round(riseMib * 10) / 10.0 + " MiB",
                    riseMib < 64);
        }
    }

    private static double mib(double bytes) {
        return Math.round(bytes / 1024 / 1024 * 10) / 10.0;
    }

    /** The highest heap figure the server reports while a read runs, sampled on a thread of its own. */
    private static final class HeapPeak {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicReference<Double> peak = new AtomicReference<>(0.0);
        private final AtomicInteger samples = new AtomicInteger();
        private Thread sampler;

        /** {@code collectFirst}: a full collection before each sample (spawned servers only). */
        static HeapPeak sample(Target target, boolean collectFirst) {
            HeapPeak heap = new HeapPeak();
            heap.sampler = Thread.ofVirtual().start(() -> {
                while (heap.running.get()) {
                    try {
                        if (collectFirst) {
                            target.spawned().collectGarbage();
                        }
                        double used = target.probe().read().heapUsedBytes();
                        heap.peak.accumulateAndGet(used, Math::max);
                        heap.samples.incrementAndGet();
                        Thread.sleep(collectFirst ? 200 : 50);
                    } catch (Exception stop) {
                        return;
                    }
                }
            });
            return heap;
        }

        double stop() throws InterruptedException {
            running.set(false);
            sampler.join();
            return peak.get();
        }

        int samples() {
            return samples.get();
        }
    }

    private void readWindows(Target target, Report report) throws Exception {
        Latencies latencies = new Latencies();
        Random random = new Random(42);
        long windowRows = 0;
        long mismatches = 0;
        Duration window = Duration.ofMinutes(10);
        for (int i = 0; i < windows; i++) {
            Instant from = base.plus(Duration.ofSeconds(
                    (long) (random.nextDouble() * (SPAN.minus(window).toSeconds()))));
            Instant to = from.plus(window);
            long started = System.nanoTime();
            Read read = read(target.baseUri(), from, to);
            latencies.recordNanos(System.nanoTime() - started);
            windowRows += read.rows;
            if (read.rows != expectedRows(from, to)) {
                mismatches++;
            }
        }
        report.result("window_reads", latencies.summary());
        report.result("window_rows_average", windows == 0 ? 0 : windowRows / windows);
        report.correctness("windows_with_wrong_row_count", mismatches);
    }

    /** Rows seeded at instants within [from, to]. */
    private long expectedRows(Instant from, Instant to) {
        long expected = 0;
        for (int instant = 0; instant < instants; instant++) {
            Instant at = instantAt(instant);
            if (!at.isBefore(from) && !at.isAfter(to)) {
                expected += Math.min(rowsPerInstant, rows - (long) instant * rowsPerInstant);
            }
        }
        return expected;
    }

    private record Read(long rows, long bytes, double firstByteMillis, double seconds) {
        Map<String, Object> describe() {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("rows", rows);
            figures.put("megabytes", Math.round(bytes / 1024.0 / 1024 * 10) / 10.0);
            figures.put("seconds", Math.round(seconds * 100) / 100.0);
            figures.put("rows_per_s", Math.round(rows / seconds));
            figures.put("time_to_first_byte_ms", Math.round(firstByteMillis * 10) / 10.0);
            return figures;
        }
    }

    /** Streams one range, counting messages as they arrive. */
    private Read read(URI baseUri, Instant from, Instant to) throws IOException, InterruptedException {
        URI uri = baseUri.resolve("/api/messages?from=" + from + "&to=" + to);
        long started = System.nanoTime();
        HttpResponse<InputStream> response =
                http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        long firstByte = -1;
        long rows = 0;
        long bytes = 0;
        int matched = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = response.body()) {
            int read;
            while ((read = body.read(buffer)) >= 0) {
                if (firstByte < 0 && read > 0) {
                    firstByte = System.nanoTime();
                }
                bytes += read;
                for (int i = 0; i < read; i++) {
                    matched = buffer[i] == ROW_START[matched] ? matched + 1 : (buffer[i] == ROW_START[0] ? 1 : 0);
                    if (matched == ROW_START.length) {
                        rows++;
                        matched = 0;
                    }
                }
            }
        }
        long finished = System.nanoTime();
        return new Read(
                rows, bytes, ((firstByte < 0 ? finished : firstByte) - started) / 1e6, (finished - started) / 1e9);
    }
}
