package dev.chatgopher.bench;

import dev.chatgopher.testkit.PostgresCluster;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.SQLDialect;
import org.xnio.IoUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code faults}: a server spawned on a private PostgreSQL cluster, paced sends (each with its own
 * {@code Idempotency-Key}) and WebSocket listeners, and one database fault in the middle: frozen, stopped or its
 * connections kicked. Reports how the sends around the outage were answered and how soon sending worked again;
 * then checks, against the table itself, that nothing acknowledged is missing, nothing refused was stored, and
 * every listener stayed connected and received every acknowledged message once, in order.
 */
@Command(
        name = "faults",
        mixinStandardHelpOptions = true,
        description =
                "Sends and WebSocket listeners through one database fault (freeze, stop or kick) of a private PostgreSQL cluster.")
final class FaultsScenario extends Scenario {

    private static final String DATABASE = "chat_faults";
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    /** How long the backlog queued during the outage may take to be answered after the last send was due. */
    private static final Duration ANSWER_DRAIN = Duration.ofSeconds(60);

    private static final Duration DELIVERY_DRAIN = Duration.ofSeconds(30);

    @Option(
            names = "--fault",
            required = true,
            description =
                    "freeze (SIGSTOP the database for the outage, then SIGCONT), stop (shut it down, start it again after the outage)"
                            + " or kick (terminate the server's database connections, once).")
    String fault;

    @Option(
            names = "--outage",
            defaultValue = "5s",
            description = "How long the database stays frozen or stopped (default: ${DEFAULT-VALUE}).")
    Duration outage;

    @Option(
            names = "--publishers",
            defaultValue = "16",
            description = "Keep-alive connections the sends are spread over (default: ${DEFAULT-VALUE}).")
    int publishers;

    @Option(
            names = "--rate",
            defaultValue = "200",
            description = "Messages sent per second, all publishers together (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
            names = "--listeners",
            defaultValue = "4",
            description = "WebSocket clients on /ws (default: ${DEFAULT-VALUE}).")
    int listeners;

    @Option(
            names = "--warmup",
            defaultValue = "5s",
            description = "Sending before the fault (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(
            names = "--after",
            defaultValue = "5s",
            description = "Sending after the database is back (default: ${DEFAULT-VALUE}).")
    Duration after;

    private PostgresCluster cluster;

    private enum Fault {
        FREEZE,
        STOP,
        KICK;

        static Fault parse(String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--fault must be freeze, stop or kick, got " + text, e);
            }
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** When the fault began and ended ({@link System#nanoTime()}); a kick ends as soon as it is done. */
    private record Outage(long startNanos, long endNanos, int backendsTerminated) {}

    /**
     * One send: its text and when it was due ({@link System#nanoTime()}), and once it ended, when, with which
     * status, and the stored id. Timing starts when the send was due, so waiting behind a slow answer on its
     * connection counts: a fixed-rate client waits just as long.
     */
    private static final class Send {
        final String text;
        final long dueNanos;
        long answeredNanos;
        int status;
        long id;
        volatile boolean done;

        Send(String text, long dueNanos) {
            this.text = text;
            this.dueNanos = dueNanos;
        }

        void complete(long answered, int answeredStatus, long storedId) {
            answeredNanos = answered;
            status = answeredStatus;
            id = storedId;
            done = true; // the volatile write publishes the fields above
        }
    }

    /** A listener and the ids it received, in order. */
    private record Listener(OrderedSubscriber subscriber, List<Long> ids) {}

    @Override
    String name() {
        return "faults";
    }

    @Override
    Target openTarget() throws Exception {
        Fault.parse(fault);
        if (options.url != null || options.databaseUrl != null) {
            throw new IllegalArgumentException(
                    "faults spawns its own server on a private PostgreSQL cluster: leave out --url and --db-url");
        }
        cluster = PostgresCluster.create();
        try {
            cluster.createDatabase(DATABASE);
            DatabaseSpec database =
                    new DatabaseSpec(SQLDialect.POSTGRES, cluster.jdbcUrl(DATABASE), "postgres", "", null);
            return Target.spawn(options, defaultServerJvmOptions(), database, cluster);
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    @Override
    void measure(Target target, Report report) throws Exception {
        Fault kind = Fault.parse(fault);
        report.setting("fault", kind.label());
        report.setting("outage", DurationText.format(outage));
        report.setting("publishers", publishers);
        report.setting("rate_per_s", rate);
        report.setting("listeners", listeners);
        report.setting("warmup", DurationText.format(warmup));
        report.setting("after", DurationText.format(after));
        report.setting("answer_timeout", DurationText.format(ANSWER_TIMEOUT));
        report.setting(
                "database", "private PostgreSQL cluster on 127.0.0.1:" + cluster.port() + ", database " + DATABASE);
        String marker = "faults-" + UUID.randomUUID().toString().substring(0, 8);
        List<Send> sends = Collections.synchronizedList(new ArrayList<>());
        StatusCounts statuses = new StatusCounts();

        try (LoadClient client = new LoadClient(options.clientThreads, options.sourceAddresses)) {
            List<Listener> listening = listen(client, target, marker);
            List<QueuedPoster> posters = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                posters.add(new QueuedPoster(client, target.baseUri(), i, ANSWER_TIMEOUT));
            }
            AtomicLong sendUntil = new AtomicLong(Long.MAX_VALUE);
            Outage window = null;
            long neverSent = 0;
            try (Progress ignored = new Progress(
                    "faults",
                    options.progressEvery,
                    () -> String.format(
                            "%,d sent, by status %s, %d of %d listeners open",
                            sends.size(),
                            statuses.describe(),
                            listening.stream()
                                    .filter(l -> l.subscriber().isOpen())
                                    .count(),
                            listeners))) {
                Thread pacer = Thread.ofPlatform()
                        .name("faults-pacer")
                        .start(() -> Pacing.atRate(rate, (i, due) -> due < sendUntil.get(), (i, due) -> {
                            Send send = new Send(marker + " " + i, due);
                            sends.add(send);
                            posters.get((int) (i % posters.size()))
                                    .submit(new QueuedPoster.Request(
                                            "{\"sequence\":" + i + ",\"text\":\"" + send.text + "\"}",
                                            Map.of("Idempotency-Key", marker + "-" + i),
                                            (status, body, failure) -> {
                                                int outcome = failure instanceof SocketTimeoutException
                                                        ? StatusCounts.NO_ANSWER
                                                        : status;
                                                send.complete(
                                                        System.nanoTime(),
                                                        outcome,
                                                        status == 200
                                                                ? MessageFrames.number(body.text(), "\"id\":")
                                                                : -1);
                                                statuses.record(outcome);
                                            }));
                        }));
                try {
                    Thread.sleep(warmup);
                    window = inject(kind);
                } finally {
                    sendUntil.set(window == null ? 0 : window.endNanos() + after.toNanos());
                    pacer.join();
                }
                long drainDeadline = System.nanoTime() + ANSWER_DRAIN.toNanos();
                for (QueuedPoster poster : posters) {
                    poster.awaitIdle(drainDeadline);
                }
                for (QueuedPoster poster : posters) {
                    neverSent += poster.discardQueued();
                }
                long inFlightDeadline =
                        System.nanoTime() + ANSWER_TIMEOUT.plusSeconds(5).toNanos();
                for (QueuedPoster poster : posters) {
                    neverSent += poster.awaitIdle(inFlightDeadline);
                    poster.close();
                }
                awaitDeliveries(listening, answered(sends));
            }
            List<Send> answered = answered(sends);
            Stored stored = readStored(target.database(), marker);
            reportOutcomes(report, kind, window, answered, statuses, neverSent);
            reportDatabase(report, answered, stored);
            reportListeners(report, listening, answered);
            listening.forEach(listener -> IoUtils.safeClose(listener.subscriber().channel));
        }
    }

    private List<Listener> listen(LoadClient client, Target target, String marker) throws InterruptedException {
        List<Listener> connected = new ArrayList<>();
        // A listener that could not connect is counted as disconnected.
        client.openWebSockets(target.webSocketUri("/ws"), listeners, 16, channel -> {
            List<Long> ids = Collections.synchronizedList(new ArrayList<>());
            Listener listener =
                    new Listener(new OrderedSubscriber(channel, marker, (id, frame, arrived) -> ids.add(id)), ids);
            synchronized (connected) {
                connected.add(listener);
            }
        });
        return connected;
    }

    private Outage inject(Fault kind) throws InterruptedException {
        System.out.printf(
                "[faults] %s the database%s%n",
                switch (kind) {
                    case FREEZE -> "freezing";
                    case STOP -> "stopping";
                    case KICK -> "kicking the connections of";
                },
                kind == Fault.KICK ? "" : " for " + DurationText.format(outage));
        long start = System.nanoTime();
        int terminated = -1;
        switch (kind) {
            case FREEZE -> {
                cluster.freeze();
                try {
                    Thread.sleep(outage);
                } finally {
                    cluster.thaw();
                }
            }
            case STOP -> {
                cluster.stop();
                try {
                    Thread.sleep(outage);
                } finally {
                    cluster.start();
                }
            }
            case KICK -> terminated = cluster.terminateBackends(DATABASE);
        }
        long end = System.nanoTime();
        System.out.printf("[faults] the database is back after %.2f s%n", (end - start) / 1e9);
        return new Outage(start, end, terminated);
    }

    /** Waits until every open listener has received the largest acknowledged id, or the drain time passed. */
    private static void awaitDeliveries(List<Listener> listening, List<Send> answered) throws InterruptedException {
        long largest = answered.stream()
                .filter(send -> send.status == 200)
                .mapToLong(send -> send.id)
                .max()
                .orElse(0);
        long deadline = System.nanoTime() + DELIVERY_DRAIN.toNanos();
        while (System.nanoTime() < deadline
                && listening.stream()
                        .anyMatch(l -> l.subscriber().isOpen() && l.subscriber().lastId() < largest)) {
            Thread.sleep(20);
        }
    }

    private static List<Send> answered(List<Send> sends) {
        synchronized (sends) {
            return sends.stream().filter(send -> send.done).toList();
        }
    }

    private void reportOutcomes(
            Report report, Fault kind, Outage window, List<Send> answered, StatusCounts statuses, long neverSent) {
        Map<String, Object> faultFigures = new LinkedHashMap<>();
        faultFigures.put("kind", kind.label());
        faultFigures.put("outage_ms", Math.round((window.endNanos() - window.startNanos()) / 1e4) / 100.0);
        if (kind == Fault.KICK) {
            faultFigures.put("backends_terminated", window.backendsTerminated());
        }
        report.result("fault", faultFigures);
        report.result("sends_answered", answered.size());
        report.result("sends_by_status", statuses.describe());

        Latencies overlapping = new Latencies();
        Map<String, Long> overlappingStatuses = new LinkedHashMap<>();
        for (String category : List.of("200", "503", "504", "other", "no_answer")) {
            overlappingStatuses.put(category, 0L);
        }
        Latencies refusedDuring = new Latencies();
        long firstSuccessAfter = Long.MAX_VALUE;
        for (Send send : answered) {
            if (send.dueNanos < window.endNanos() && send.answeredNanos > window.startNanos()) {
                overlapping.recordNanos(send.answeredNanos - send.dueNanos);
                overlappingStatuses.merge(category(send.status), 1L, Long::sum);
            }
            if (send.dueNanos >= window.startNanos() && send.dueNanos < window.endNanos() && send.status == 503) {
                refusedDuring.recordNanos(send.answeredNanos - send.dueNanos);
            }
            if (send.dueNanos >= window.endNanos() && send.status == 200) {
                firstSuccessAfter = Math.min(firstSuccessAfter, send.answeredNanos - window.endNanos());
            }
        }
        Map<String, Object> overlap = new LinkedHashMap<>();
        overlap.put(
                "sends",
                overlappingStatuses.values().stream().mapToLong(Long::longValue).sum());
        overlap.put("by_status", overlappingStatuses);
        overlap.put("answer_time", overlapping.summary());
        report.result("overlapping_the_outage", overlap);
        report.result("refused_503_during_the_outage", refusedDuring.summary());
        Object firstSuccess =
                firstSuccessAfter == Long.MAX_VALUE ? "none" : Math.round(firstSuccessAfter / 1e4) / 100.0;
        report.result("first_200_after_recovery_ms", firstSuccess);
        report.correctness("sends_never_sent", neverSent);

        long unanswered = overlappingStatuses.get("no_answer");
        report.goal(
                "every send overlapping the outage answered before the " + DurationText.format(ANSWER_TIMEOUT)
                        + " client timeout",
                unanswered + " not answered",
                unanswered == 0);
        report.goal(
                "first 200 within 1 s of the recovery",
                firstSuccess + " ms",
                firstSuccessAfter != Long.MAX_VALUE && firstSuccessAfter < 1_000_000_000L);
    }

    private static String category(int status) {
        return switch (status) {
            case 200, 503, 504 -> Integer.toString(status);
            case 0, StatusCounts.NO_ANSWER -> "no_answer";
            default -> "other";
        };
    }

    /** The rows of this run: text by id, and how often each text was stored. */
    private record Stored(Map<Long, String> textById, Map<String, Integer> copiesByText) {
        boolean holds(String text) {
            return copiesByText.containsKey(text);
        }
    }

    private static Stored readStored(DatabaseSpec database, String marker) throws SQLException {
        Map<Long, String> textById = new HashMap<>();
        Map<String, Integer> copiesByText = new HashMap<>();
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query =
                        connection.prepareStatement("select id, text from messages where text like ?")) {
            query.setString(1, marker + " %");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    textById.put(rows.getLong(1), rows.getString(2));
                    copiesByText.merge(rows.getString(2), 1, Integer::sum);
                }
            }
        }
        return new Stored(textById, copiesByText);
    }

    private static void reportDatabase(Report report, List<Send> answered, Stored stored) {
        List<String> acknowledgedMissing = new ArrayList<>();
        List<String> refusedStored = new ArrayList<>();
        long[] unknown = new long[2];
        long[] noAnswer = new long[2];
        for (Send send : answered) {
            switch (send.status) {
                case 200 -> {
                    if (!send.text.equals(stored.textById().get(send.id))) {
                        acknowledgedMissing.add("id " + send.id + ": " + send.text);
                    }
                }
                case 503 -> {
                    if (stored.holds(send.text)) {
                        refusedStored.add(send.text);
                    }
                }
                case 504 -> unknown[stored.holds(send.text) ? 0 : 1]++;
                case 0, StatusCounts.NO_ANSWER -> noAnswer[stored.holds(send.text) ? 0 : 1]++;
                default -> {
                    // other statuses are counted by sends_by_status
                }
            }
        }
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("rows", stored.textById().size());
        database.put("unknown_504_stored", unknown[0]);
        database.put("unknown_504_not_stored", unknown[1]);
        database.put("no_answer_stored", noAnswer[0]);
        database.put("no_answer_not_stored", noAnswer[1]);
        if (!acknowledgedMissing.isEmpty()) {
            database.put(
                    "acknowledged_missing_first",
                    acknowledgedMissing.subList(0, Math.min(5, acknowledgedMissing.size())));
        }
        if (!refusedStored.isEmpty()) {
            database.put("refused_stored_first", refusedStored.subList(0, Math.min(5, refusedStored.size())));
        }
        report.result("database", database);
        report.correctness("acknowledged_missing", acknowledgedMissing.size());
        report.correctness("refused_stored", refusedStored.size());
        report.correctness(
                "stored_twice",
                stored.copiesByText().values().stream()
                        .filter(copies -> copies > 1)
                        .count());
    }

    private void reportListeners(Report report, List<Listener> listening, List<Send> answered) {
        Set<Long> acknowledged = new HashSet<>();
        answered.stream().filter(send -> send.status == 200).forEach(send -> acknowledged.add(send.id));
        long connected = listening.stream()
                .filter(listener -> listener.subscriber().isOpen())
                .count();
        long lost = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        Map<String, Object> each = new LinkedHashMap<>();
        for (int i = 0; i < listening.size(); i++) {
            OrderedSubscriber subscriber = listening.get(i).subscriber();
            Set<Long> received;
            synchronized (listening.get(i).ids()) {
                received = new HashSet<>(listening.get(i).ids());
            }
            long missing =
                    acknowledged.stream().filter(id -> !received.contains(id)).count();
            lost += missing;
            duplicates += subscriber.duplicates;
            outOfOrder += subscriber.outOfOrder;
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("received", subscriber.received);
            figures.put("lost", missing);
            figures.put("duplicates", subscriber.duplicates);
            figures.put("out_of_order", subscriber.outOfOrder);
            figures.put("open", subscriber.isOpen());
            if (subscriber.closeCode >= 0) {
                figures.put("close_code", subscriber.closeCode);
            }
            each.put("listener_" + (i + 1), figures);
        }
        report.result("listeners_connected", connected);
        report.result("listeners", each);
        report.correctness("listeners_disconnected", listeners - connected);
        report.correctness("listener_lost", lost);
        report.correctness("listener_duplicates", duplicates);
        report.correctness("listener_out_of_order", outOfOrder);
    }
}
