package dev.chatgopher.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntUnaryOperator;
import org.xnio.IoUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fanout}: S WebSocket subscribers and one sender posting at a fixed rate R. Reports deliveries per
 * second, end-to-end latency (from the moment a send was due to its arrival at a subscriber, so a late sender
 * shows up as latency) and, per subscriber, lost, duplicated and out-of-order messages: all must be zero.
 *
 * <p>With {@code --rooms N} each message goes to a random one of N rooms and each subscriber follows K of them
 * ({@code --rooms-per-subscriber}); then a subscriber must get every acknowledged message of its rooms exactly
 * once, in id order, and none of another room (foreign).
 *
 * <p>With {@code --nodes N} the subscribers and the sender's connections are spread round robin over N spawned
 * servers on the one PostgreSQL database; the counts are given for the subscribers of each node too, and the
 * latency apart for deliveries on the sender's node (same node) and on another (cross node).
 */
@Command(
        name = "fanout",
        mixinStandardHelpOptions = true,
        description = "WebSocket subscribers receiving what one sender posts at a fixed rate.")
final class FanoutScenario extends Scenario {

    @Option(
            names = "--subscribers",
            defaultValue = "1000",
            description = "WebSocket subscribers (default: ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(
            names = "--rate",
            defaultValue = "500",
            description = "Messages sent per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "60s", description = "How long to send (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--warmup",
            defaultValue = "15s",
            description =
                    "Sending at the rate before measuring, to warm the JIT; delivered and checked, not timed (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(
            names = "--drain",
            defaultValue = "15s",
            description = "How long to wait for the last deliveries (default: ${DEFAULT-VALUE}).")
    Duration drain;

    @Option(
            names = "--rooms",
            defaultValue = "1",
            description =
                    "Rooms the messages are spread over at random, room-0001 up; 1 is the default room through /api/messages and /ws (default: ${DEFAULT-VALUE}).")
    int roomCount;

    @Option(
            names = "--rooms-per-subscriber",
            defaultValue = "1",
            description =
                    "Rooms each subscriber follows (/ws?rooms=...), chosen so that every room has about subscribers*K/rooms subscribers (default: ${DEFAULT-VALUE}).")
    int roomsPerSubscriber;

    @Option(
            names = "--sender-connections",
            defaultValue = "8",
            description = "Keep-alive connections the sender spreads its POSTs over (default: ${DEFAULT-VALUE}).")
    int senderConnections;

    @Override
    String name() {
        return "fanout";
    }

    @Mixin
    AuthOptions auth;

    @Mixin
    NodeOptions nodeOptions;

    @Override
    BenchTokens tokens() {
        return auth.tokens();
    }

    @Override
    int nodeCount() {
        return nodeOptions.count;
    }

    @Override
    void measure(Target target, Report report) throws Exception {
        Rooms rooms = new Rooms(roomCount);
        rooms.followedBy(0, roomsPerSubscriber); // refuses a K the rooms cannot give before anything starts
        report.setting("subscribers", subscribers);
        report.setting("rate_per_s", rate);
        report.setting("duration", DurationText.format(duration));
        report.setting("warmup", DurationText.format(warmup));
        report.setting("rooms", rooms.isDefaultRoom() ? "1 (the default room: /api/messages, /ws)" : roomCount);
        report.setting("rooms_per_subscriber", roomsPerSubscriber);
        List<ServerNode> nodes = target.nodes();
        if (nodes.size() > 1) {
            report.setting("nodes", nodes.size());
        }
        report.setting("tokens", target.tokens().on());
        report.setting(
                "client",
                "Undertow WebSocket and HTTP clients, " + options.clientThreads + " IO thread(s), "
                        + options.sourceAddresses + " source addresses");
        int total = Math.toIntExact(rate * Math.max(1, duration.toSeconds()));
        String marker = "fanout-" + UUID.randomUUID().toString().substring(0, 8);
        MeasuredSends measured = new MeasuredSends(total, nodes.size());
        Acknowledged acknowledged = new Acknowledged(roomCount);

        try (LoadClient client = new LoadClient(options.clientThreads, options.sourceAddresses)) {
            List<Subscriber> subscribed = subscribe(client, nodes, target.tokens(), rooms, marker, measured);
            report.result("subscribers_connected", subscribed.size());
            report.result("subscribers_per_room", subscribersPerRoom(subscribed, roomCount));

            StatusCounts errors = new StatusCounts();
            List<QueuedPoster> posters = new ArrayList<>();
            for (int i = 0; i < senderConnections; i++) {
                ServerNode node = nodes.get(i % nodes.size()); // connection i posts to node i mod N
                posters.add(new QueuedPoster(
                        client, node.baseUri(), i, null, target.tokens().authorization("bench-sender-" + i)));
            }
            int warmupMessages = Math.toIntExact(rate * warmup.toSeconds());
            CpuMeter cpu;
            long start;
            long unsent = 0;
            long measuredDeliveriesBefore;
            long acknowledgedBefore;
            try (Progress ignored = new Progress(
                    "fanout",
                    options.progressEvery,
                    () -> String.format(
                            "%,d sent and acknowledged, %,d deliveries, p99 %.1f ms",
                            acknowledged.total(),
                            subscribed.stream()
                                    .mapToLong(s -> s.checker.received)
                                    .sum(),
                            measured.all.percentileMillis(99)))) {
                // Warm-up messages carry negative sequences: delivered and checked like the others, but not timed.
                send(
                        posters,
                        nodes.size(),
                        rooms,
                        marker,
                        acknowledged,
                        errors,
                        warmupMessages,
                        null,
                        sequence -> -1 - sequence);
                measuredDeliveriesBefore =
                        subscribed.stream().mapToLong(s -> s.checker.received).sum();
                acknowledgedBefore = acknowledged.total();
                cpu = new CpuMeter(target.serverPids());
                start = System.nanoTime();
                send(posters, nodes.size(), rooms, marker, acknowledged, errors, total, measured, sequence -> sequence);
                long sendDeadline = System.nanoTime() + drain.toNanos();
                for (QueuedPoster poster : posters) {
                    unsent += poster.awaitIdle(sendDeadline);
                    poster.close();
                }
                long drainDeadline = System.nanoTime() + drain.toNanos();
                while (System.nanoTime() < drainDeadline
                        && subscribed.stream().anyMatch(s -> s.checker.received < acknowledged.count(s.rooms))) {
                    Thread.sleep(20);
                }
            }
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            long deliveries =
                    subscribed.stream().mapToLong(s -> s.checker.received).sum() - measuredDeliveriesBefore;
            long expectedDeliveries = 0;
            long lost = 0;
            long maxLost = 0;
            long wrongSets = 0;
            long[] lostByNode = new long[nodes.size()];
            for (Subscriber s : subscribed) {
                long expected = acknowledged.count(s.rooms);
                long missing = Math.max(0, expected - s.checker.received);
                expectedDeliveries += expected;
                lost += missing;
                lostByNode[s.node] += missing;
                maxLost = Math.max(maxLost, missing);
                if (s.checker.received != expected || s.checker.checksum != acknowledged.checksum(s.rooms)) {
                    wrongSets++;
                }
            }
            long duplicates =
                    subscribed.stream().mapToLong(s -> s.checker.duplicates).sum();
            long outOfOrder =
                    subscribed.stream().mapToLong(s -> s.checker.outOfOrder).sum();
            long foreign = subscribed.stream().mapToLong(s -> s.checker.foreign).sum();
            long closed = subscribed.stream().filter(s -> s.checker.closed).count();

            // Warm-up included: every subscriber must have every acknowledged message of its rooms.
            report.result("sent_and_acknowledged", acknowledged.total());
            report.result("deliveries_expected_with_warmup", expectedDeliveries);
            report.result("deliveries", deliveries);
            report.result("deliveries_per_s", Math.round(deliveries / sendSeconds));
            report.result("end_to_end_latency", measured.all.summary());
            if (nodes.size() > 1) {
                report.result("end_to_end_latency_same_node", measured.sameNode.summary());
                report.result("end_to_end_latency_cross_node", measured.crossNode.summary());
            }
            report.result("cpu", cpu.since(deliveries, "deliveries"));
            // Per message too: with few subscribers per room a message's own cost (POST, commit) is shared by few
            // deliveries, so the per-delivery figure alone compares unlike work.
            report.result("cpu_per_message", cpu.since(acknowledged.total() - acknowledgedBefore, "messages"));
            report.result("send_errors_by_status", errors.describe());
            report.result("max_lost_by_one_subscriber", maxLost);
            report.correctness("lost", lost);
            report.correctness("duplicates", duplicates);
            report.correctness("out_of_order", outOfOrder);
            report.correctness("foreign", foreign);
            report.correctness("subscribers_whose_ids_differ_from_the_acknowledged", wrongSets);
            report.correctness("subscribers_not_connected", subscribers - subscribed.size());
            report.correctness("subscribers_closed_during_run", closed);
            report.correctness("failed_sends", errors.total());
            report.correctness("sends_never_answered", unsent);
            if (nodes.size() > 1) {
                reportByNode(report, nodes, subscribed, lostByNode);
            }
            double p99 = measured.all.percentileMillis(99);
            long wrong = lost + duplicates + outOfOrder + foreign;
            report.goal("zero loss, duplicates, reordering and foreign messages", wrong, wrong == 0);
            report.goal("end-to-end p99 under 50 ms", p99 + " ms", p99 < 50);
            subscribed.forEach(s -> IoUtils.safeClose(s.checker.channel));
        }
    }

    /** A connected subscriber, the node it is connected to (0-based), the rooms it follows and its checker. */
    private record Subscriber(int node, int[] rooms, OrderedSubscriber checker) {}

    /**
     * The measured messages, by sequence number: when each was due and the node (0-based) it was sent to; and the
     * end-to-end latency of their deliveries: all of them, those to a subscriber of the node the message was sent to
     * (same node), and those to a subscriber of another node (cross node: the feed's way through the database).
     */
    private static final class MeasuredSends {
        private final AtomicLongArray dueAt;
        private final AtomicIntegerArray sentTo;
        final Latencies all = new Latencies();
        final Latencies sameNode = new Latencies();
        final Latencies crossNode = new Latencies();
        private final boolean severalNodes;

        MeasuredSends(int count, int nodeCount) {
            dueAt = new AtomicLongArray(count);
            sentTo = new AtomicIntegerArray(count);
            severalNodes = nodeCount > 1;
        }

        void sent(int sequence, long due, int node) {
            dueAt.set(sequence, due);
            sentTo.set(sequence, node);
        }

        /** A delivery of the message with {@code sequence} to a subscriber of {@code node}; warm-up ones are not timed. */
        void arrived(long sequence, int node, long arrivedNanos) {
            if (sequence < 0 || sequence >= dueAt.length()) {
                return;
            }
            long nanos = arrivedNanos - dueAt.get((int) sequence);
            all.recordNanos(nanos);
            if (severalNodes) { // with one node every delivery is a same-node one: no second histogram to fill
                (sentTo.get((int) sequence) == node ? sameNode : crossNode).recordNanos(nanos);
            }
        }
    }

    /** Per node, its subscribers and their counts, as results, and each count that must be zero as correctness. */
    private static void reportByNode(
            Report report, List<ServerNode> nodes, List<Subscriber> subscribed, long[] lostByNode) {
        Map<String, Object> byNode = new LinkedHashMap<>();
        for (ServerNode node : nodes) {
            int k = node.number() - 1;
            List<OrderedSubscriber> checkers = subscribed.stream()
                    .filter(s -> s.node == k)
                    .map(Subscriber::checker)
                    .toList();
            long duplicates = checkers.stream().mapToLong(c -> c.duplicates).sum();
            long outOfOrder = checkers.stream().mapToLong(c -> c.outOfOrder).sum();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("url", node.baseUri().toString());
            figures.put("subscribers_connected", checkers.size());
            figures.put(
                    "received_with_warmup",
                    checkers.stream().mapToLong(c -> c.received).sum());
            figures.put("lost", lostByNode[k]);
            figures.put("duplicates", duplicates);
            figures.put("out_of_order", outOfOrder);
            byNode.put(node.key(), figures);
            report.correctness(node.key() + "_lost", lostByNode[k]);
            report.correctness(node.key() + "_duplicates", duplicates);
            report.correctness(node.key() + "_out_of_order", outOfOrder);
        }
        report.result("nodes", byNode);
    }

    /**
     * Acknowledged messages per room: how many, and the checksum of their ids, which a subscriber's must equal
     * (over its rooms) for it to have received exactly these.
     */
    private static final class Acknowledged {
        private final AtomicLongArray counts;
        private final AtomicLongArray checksums;
        private final LongAdder total = new LongAdder();

        Acknowledged(int rooms) {
            counts = new AtomicLongArray(rooms);
            checksums = new AtomicLongArray(rooms);
        }

        void add(int room, long id) {
            checksums.getAndAdd(room, OrderedSubscriber.checksumOf(id));
            counts.incrementAndGet(room);
            total.increment();
        }

        long total() {
            return total.sum();
        }

        long count(int[] rooms) {
            long sum = 0;
            for (int room : rooms) {
                sum += counts.get(room);
            }
            return sum;
        }

        long checksum(int[] rooms) {
            long sum = 0;
            for (int room : rooms) {
                sum += checksums.get(room);
            }
            return sum;
        }
    }

    private static Map<String, Object> subscribersPerRoom(List<Subscriber> subscribed, int rooms) {
        int[] perRoom = new int[rooms];
        for (Subscriber s : subscribed) {
            for (int room : s.rooms) {
                perRoom[room]++;
            }
        }
        IntSummaryStatistics statistics = Arrays.stream(perRoom).summaryStatistics();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("min", statistics.getMin());
        figures.put("max", statistics.getMax());
        figures.put("average", Math.round(statistics.getAverage() * 10) / 10.0);
        return figures;
    }

    private List<Subscriber> subscribe(
            LoadClient client,
            List<ServerNode> nodes,
            BenchTokens tokens,
            Rooms rooms,
            String marker,
            MeasuredSends measured)
            throws InterruptedException {
        List<Subscriber> connected = new ArrayList<>();
        int[][] followed = new int[subscribers][];
        for (int i = 0; i < subscribers; i++) {
            followed[i] = rooms.followedBy(i, roomsPerSubscriber);
        }
        // Subscriber i is on node i mod N. One that could not connect is counted as not connected.
        client.openWebSockets(
                i -> nodes.get(i % nodes.size()).webSocketUri(rooms.webSocketPath(followed[i])),
                i -> tokens.authorization("bench-subscriber-" + i),
                subscribers,
                256,
                (i, channel) -> {
                    int node = i % nodes.size();
                    BitSet mine = null;
                    if (!rooms.isDefaultRoom()) {
                        mine = new BitSet(roomCount);
                        for (int room : followed[i]) {
                            mine.set(room);
                        }
                    }
                    OrderedSubscriber checker = new OrderedSubscriber(
                            channel,
                            marker,
                            rooms,
                            mine,
                            (id, frame, arrived) ->
                                    measured.arrived(MessageFrames.number(frame, "\"sequence\":"), node, arrived));
                    synchronized (connected) {
                        connected.add(new Subscriber(node, followed[i], checker));
                    }
                });
        return connected;
    }

    /**
     * Posts {@code count} messages at the rate, each due at its own instant, to a random room, round robin over
     * the connections (connection i on node i mod {@code nodeCount}); records when each was due and the node it was
     * sent to (when {@code measured} is given) under the sequence number it is sent with, and each acknowledged id
     * under its room.
     */
    private void send(
            List<QueuedPoster> posters,
            int nodeCount,
            Rooms rooms,
            String marker,
            Acknowledged acknowledged,
            StatusCounts errors,
            int count,
            MeasuredSends measured,
            IntUnaryOperator sequenceOf) {
        Pacing.atRate(rate, (i, due) -> i < count, (i, due) -> {
            int sequence = sequenceOf.applyAsInt((int) i);
            int connection = (int) (i % posters.size());
            if (measured != null) {
                measured.sent(sequence, due, connection % nodeCount);
            }
            int room = rooms.random();
            posters.get(connection)
                    .submit(new QueuedPoster.Request(
                            rooms.postPath(room),
                            "{\"sequence\":" + sequence + ",\"text\":\"" + marker + " " + sequence + "\"}",
                            Map.of(),
                            (status, body, failure) -> {
                                long id = status == 200 ? MessageFrames.number(body.text(), "\"id\":") : -1;
                                if (id > 0) {
                                    acknowledged.add(room, id);
                                } else {
                                    errors.record(status);
                                }
                            }));
        });
    }
}
