package dev.chatgopher.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntUnaryOperator;
import org.xnio.IoUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fanout}: S WebSocket subscribers and one sender posting at a fixed rate R. Reports deliveries per
 * second, end-to-end latency (from the moment a send was due to its arrival at a subscriber, so a late sender
 * shows up as latency) and, per subscriber, lost, duplicated and out-of-order messages: all must be zero.
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
            names = "--sender-connections",
            defaultValue = "8",
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
        report.setting(
                "client",
                "Undertow WebSocket and HTTP clients, " + options.clientThreads + " IO thread(s), "
                        + options.sourceAddresses + " source addresses");
        int total = Math.toIntExact(rate * Math.max(1, duration.toSeconds()));
        String marker = "fanout-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicLongArray dueAt = new AtomicLongArray(total);
        Latencies latencies = new Latencies();

        try (LoadClient client = new LoadClient(options.clientThreads, options.sourceAddresses)) {
            List<OrderedSubscriber> subscribed = subscribe(client, target, marker, dueAt, latencies);
            report.result("subscribers_connected", subscribed.size());

            LongAdder acknowledged = new LongAdder();
            StatusCounts errors = new StatusCounts();
            List<QueuedPoster> posters = new ArrayList<>();
            for (int i = 0; i < senderConnections; i++) {
                posters.add(new QueuedPoster(client, target.baseUri(), i, null));
            }
            QueuedPoster.Answered counted = (status, body, failure) -> {
                if (status == 200) {
                    acknowledged.increment();
                } else {
                    errors.record(status);
                }
            };
            int warmupMessages = Math.toIntExact(rate * warmup.toSeconds());
            CpuMeter cpu;
            long start;
            long unsent = 0;
            long measuredDeliveriesBefore;
            try (Progress ignored = new Progress(
                    "fanout",
                    options.progressEvery,
                    () -> String.format(
                            "%,d sent and acknowledged, %,d deliveries, p99 %.1f ms",
                            acknowledged.sum(),
                            subscribed.stream().mapToLong(s -> s.received).sum(),
                            latencies.percentileMillis(99)))) {
                // Warm-up messages carry negative sequences: delivered and checked like the others, but not timed.
                send(posters, marker, counted, warmupMessages, null, sequence -> -1 - sequence);
                measuredDeliveriesBefore =
                        subscribed.stream().mapToLong(s -> s.received).sum();
                cpu = new CpuMeter(
                        target.spawned() == null ? -1 : target.spawned().pid());
                start = System.nanoTime();
                send(posters, marker, counted, total, dueAt, sequence -> sequence);
                long sendDeadline = System.nanoTime() + drain.toNanos();
                for (QueuedPoster poster : posters) {
                    unsent += poster.awaitIdle(sendDeadline);
                    poster.close();
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
            long lost = subscribed.stream()
                    .mapToLong(s -> Math.max(0, expected - s.received))
                    .sum();
            long maxLost = subscribed.stream()
                    .mapToLong(s -> Math.max(0, expected - s.received))
                    .max()
                    .orElse(0);
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
            report.goal(
                    "zero loss, duplicates and reordering",
                    lost + duplicates + outOfOrder,
                    lost + duplicates + outOfOrder == 0);
            report.goal("end-to-end p99 under 50 ms", p99 + " ms", p99 < 50);
            subscribed.forEach(s -> IoUtils.safeClose(s.channel));
        }
    }

    private List<OrderedSubscriber> subscribe(
            LoadClient client, Target target, String marker, AtomicLongArray dueAt, Latencies latencies)
            throws InterruptedException {
        List<OrderedSubscriber> connected = new ArrayList<>();
        // A subscriber that could not connect is counted as not connected.
        client.openWebSockets(target.webSocketUri("/ws"), subscribers, 256, channel -> {
            OrderedSubscriber subscriber = new OrderedSubscriber(channel, marker, (id, frame, arrived) -> {
                long sequence = MessageFrames.number(frame, "\"sequence\":");
                if (sequence >= 0 && sequence < dueAt.length()) {
                    latencies.recordNanos(arrived - dueAt.get((int) sequence));
                }
            });
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
    private void send(
            List<QueuedPoster> posters,
            String marker,
            QueuedPoster.Answered counted,
            int count,
            AtomicLongArray dueAt,
            IntUnaryOperator sequenceOf) {
        Pacing.atRate(rate, (i, due) -> i < count, (i, due) -> {
            int sequence = sequenceOf.applyAsInt((int) i);
            if (dueAt != null) {
                dueAt.set(sequence, due);
            }
            posters.get((int) (i % posters.size()))
                    .submit(new QueuedPoster.Request(
                            "{\"sequence\":" + sequence + ",\"text\":\"" + marker + " " + sequence + "\"}",
                            Map.of(),
                            counted));
        });
    }
}
