package dev.chatgopher.bench;

import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntUnaryOperator;
import org.xnio.IoUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fanout}: S WebSocket subscribers and one sender posting at a fixed rate R. Reports deliveries per
 * second, end-to-end latency (from the moment a send was due to its arrival at a subscriber, so a late sender
 * shows up as latency) and, per subscriber, lost, duplicated and out-of-order messages: all must be zero.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = "WebSocket subscribers receiving what one sender posts at a fixed rate.")
final class FanoutScenario extends Scenario {

    @Option(names = "--subscribers", defaultValue = "1000", description = "WebSocket subscribers (default: ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = "--rate", defaultValue = "500", description = "Messages sent per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "60s", description = "How long to send (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "15s",
            description = "Sending at the rate before measuring, to warm the JIT; delivered and checked, not timed (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--drain", defaultValue = "15s", description = "How long to wait for the last deliveries (default: ${DEFAULT-VALUE}).")
    Duration drain;

    @Option(names = "--sender-connections", defaultValue = "8",
            description = "Keep-alive connections the sender spreads its POSTs over (default: ${DEFAULT-VALUE}).")
    int senderConnections;

    @Override
    String name() {
        return "fanout";
    }

    @Override
    void measure(Target target, Report report) throws Exception {
        report.setting("subscribers", subscribers);
        report.setting("rate_per_s", rate);
        report.setting("duration", DurationText.format(duration));
        report.setting("warmup", DurationText.format(warmup));
        report.setting("client", "Undertow WebSocket and HTTP clients, " + options.clientThreads + " IO thread(s), "
                + options.sourceAddresses + " source addresses");
        int total = Math.toIntExact(rate * Math.max(1, duration.toSeconds()));
        String marker = "fanout-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicLongArray dueAt = new AtomicLongArray(total);
        Latencies latencies = new Latencies();

        try (LoadClient client = new LoadClient(options.clientThreads, options.sourceAddresses)) {
            List<Subscriber> subscribed = subscribe(client, target, marker, dueAt, latencies);
            report.result("subscribers_connected", subscribed.size());

            LongAdder acknowledged = new LongAdder();
            StatusCounts errors = new StatusCounts();
            List<PacedPoster> posters = new ArrayList<>();
            for (int i = 0; i < senderConnections; i++) {
                posters.add(new PacedPoster(new HttpPoster(client.connectHttp(target.baseUri(), i), client.buffers(),
                        target.baseUri().getAuthority()), marker, acknowledged, errors));
            }
            int warmupMessages = Math.toIntExact(rate * warmup.toSeconds());
            CpuMeter cpu;
            long start;
            long unsent = 0;
            long measuredDeliveriesBefore;
            try (Progress ignored = new Progress("fanout", options.progressEvery, () -> String.format(
                    "%,d sent and acknowledged, %,d deliveries, p99 %.1f ms", acknowledged.sum(),
                    subscribed.stream().mapToLong(s -> s.received).sum(), latencies.percentileMillis(99)))) {
                // Warm-up messages carry negative sequences: delivered and checked like the others, but not timed.
                send(posters, warmupMessages, null, sequence -> -1 - sequence);
                measuredDeliveriesBefore = subscribed.stream().mapToLong(s -> s.received).sum();
                cpu = new CpuMeter(target.spawned() == null ? -1 : target.spawned().pid());
                start = System.nanoTime();
                send(posters, total, dueAt, sequence -> sequence);
                long sendDeadline = System.nanoTime() + drain.toNanos();
                for (PacedPoster poster : posters) {
                    unsent += poster.awaitIdle(sendDeadline);
                    poster.poster.close();
                }
                long expected = acknowledged.sum();
                long drainDeadline = System.nanoTime() + drain.toNanos();
                while (System.nanoTime() < drainDeadline && subscribed.stream().anyMatch(s -> s.received < expected)) {
                    Thread.sleep(20);
                }
            }
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            long expected = acknowledged.sum();
            long deliveries = subscribed.stream().mapToLong(s -> s.received).sum() - measuredDeliveriesBefore;
            long lost = subscribed.stream().mapToLong(s -> Math.max(0, expected - s.received)).sum();
            long maxLost = subscribed.stream().mapToLong(s -> Math.max(0, expected - s.received)).max().orElse(0);
            long duplicates = subscribed.stream().mapToLong(s -> s.duplicates).sum();
            long outOfOrder = subscribed.stream().mapToLong(s -> s.outOfOrder).sum();
            long closed = subscribed.stream().filter(s -> s.closed).count();

            report.result("sent_and_acknowledged", expected); // warm-up included: every subscriber must have them all
            report.result("deliveries", deliveries);
            report.result("deliveries_per_s", Math.round(deliveries / sendSeconds));
            report.result("end_to_end_latency", latencies.summary());
            report.result("cpu", cpu.since(deliveries, "deliveries"));
            report.result("send_errors_by_status", errors.describe());
            report.result("max_lost_by_one_subscriber", maxLost);
            report.correctness("lost", lost);
            report.correctness("duplicates", duplicates);
            report.correctness("out_of_order", outOfOrder);
            report.correctness("subscribers_not_connected", subscribers - subscribed.size());
            report.correctness("subscribers_closed_during_run", closed);
            report.correctness("failed_sends", errors.total());
            report.correctness("sends_never_answered", unsent);
            double p99 = latencies.percentileMillis(99);
            report.goal("zero loss, duplicates and reordering", lost + duplicates + outOfOrder, lost + duplicates + outOfOrder == 0);
            report.goal("end-to-end p99 under 50 ms", p99 + " ms", p99 < 50);
            subscribed.forEach(s -> IoUtils.safeClose(s.channel));
        }
    }

    private List<Subscriber> subscribe(LoadClient client, Target target, String marker, AtomicLongArray dueAt, Latencies latencies)
            throws InterruptedException {
        List<Subscriber> connected = new ArrayList<>();
        // A subscriber that could not connect is counted as not connected.
        client.openWebSockets(target.webSocketUri("/ws"), subscribers, 256, channel -> {
            Subscriber subscriber = new Subscriber(channel, marker, dueAt, latencies);
            synchronized (connected) {
                connected.add(subscriber);
            }
        });
        return connected;
    }

    /**
     * Posts {@code count} messages at the rate, each due at its own instant, round robin over the connections;
     * records when each was due (when {@code dueAt} is given) under the sequence number it is sent with.
     */
    private void send(List<PacedPoster> posters, int count, AtomicLongArray dueAt, IntUnaryOperator sequenceOf) {
        long start = System.nanoTime() + 10_000_000L;
        double intervalNanos = 1e9 / rate;
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * intervalNanos);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int sequence = sequenceOf.applyAsInt(i);
            if (dueAt != null) {
                dueAt.set(sequence, due);
            }
            posters.get(i % posters.size()).submit(sequence);
        }
    }

    /** One sender connection: sends what is queued, one request at a time. */
    private static final class PacedPoster {
        private final HttpPoster poster;
        private final String marker;
        private final LongAdder acknowledged;
        private final StatusCounts errors;
        private final Queue<Integer> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean busy = new AtomicBoolean();

        PacedPoster(HttpPoster poster, String marker, LongAdder acknowledged, StatusCounts errors) {
            this.poster = poster;
            this.marker = marker;
            this.acknowledged = acknowledged;
            this.errors = errors;
        }

        void submit(int sequence) {
            queue.add(sequence);
            sendNextIfIdle();
        }

        private void sendNextIfIdle() {
            if (!busy.compareAndSet(false, true)) {
                return;
            }
            Integer sequence = queue.poll();
            if (sequence == null) {
                busy.set(false);
                if (!queue.isEmpty()) {
                    sendNextIfIdle();
                }
                return;
            }
            poster.post("/api/messages", "{\"sequence\":" + sequence + ",\"text\":\"" + marker + " " + sequence + "\"}",
                    (status, body, failure) -> {
                        if (status == 200) {
                            acknowledged.increment();
                        } else {
                            errors.record(status);
                        }
                        busy.set(false);
                        sendNextIfIdle();
                    });
        }

        /** Waits until everything queued was answered, or the deadline; returns how many sends were left. */
        long awaitIdle(long deadlineNanos) throws InterruptedException {
            while ((busy.get() || !queue.isEmpty()) && System.nanoTime() < deadlineNanos) {
                Thread.sleep(5);
            }
            return queue.size() + (busy.get() ? 1 : 0);
        }
    }

    /** One subscriber: checks the order of what arrives and measures how late it is. */
    private static final class Subscriber extends AbstractReceiveListener {
        final WebSocketChannel channel;
        private final String marker;
        private final AtomicLongArray dueAt;
        private final Latencies latencies;
        private long lastId;
        volatile long received;
        volatile long duplicates;
        volatile long outOfOrder;
        volatile boolean closed;

        Subscriber(WebSocketChannel channel, String marker, AtomicLongArray dueAt, Latencies latencies) {
            this.channel = channel;
            this.marker = marker;
            this.dueAt = dueAt;
            this.latencies = latencies;
            channel.getReceiveSetter().set(this);
            channel.addCloseTask(closedChannel -> closed = true);
            channel.resumeReceives();
        }

        @Override
        protected void onFullTextMessage(WebSocketChannel ws, BufferedTextMessage message) {
            long arrived = System.nanoTime();
            String frame = message.getData();
            if (!frame.contains(marker)) {
                return; // someone else's message on a shared server
            }
            long id = MessageFrames.number(frame, "\"id\":");
            long sequence = MessageFrames.number(frame, "\"sequence\":");
            if (id > lastId) {
                lastId = id;
                received++;
                if (sequence >= 0 && sequence < dueAt.length()) {
                    latencies.recordNanos(arrived - dueAt.get((int) sequence));
                }
            } else if (id == lastId) {
                duplicates++;
            } else {
                outOfOrder++;
            }
        }
    }
}
