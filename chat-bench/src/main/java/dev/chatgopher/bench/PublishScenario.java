package dev.chatgopher.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code publish}: C senders, each on its own keep-alive connection, POST as fast as they are answered for D
 * seconds. Reports acknowledged messages per second, POST latency and errors by status; on PostgreSQL also the
 * pgbench baseline measured in the same run, and the ratio between the two. With {@code --rooms N} every POST
 * goes to a random one of N rooms. With {@code --nodes N} the senders are spread round robin over N spawned servers
 * on the one PostgreSQL database, and the figures are given for each node besides the total.
 */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = "Concurrent HTTP senders (keep-alive) posting as fast as possible for a fixed time.")
final class PublishScenario extends Scenario {

    @Option(names = "--senders", defaultValue = "64", description = "Concurrent senders (default: ${DEFAULT-VALUE}).")
    int senders;

    @Option(names = "--duration", defaultValue = "30s", description = "Measured time (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--warmup",
            defaultValue = "20s",
            description =
                    "Unmeasured sending first: the server's JIT needs it, the first seconds run at half speed (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(
            names = "--text-length",
            defaultValue = "64",
            description = "Characters per message (default: ${DEFAULT-VALUE}).")
    int textLength;

    @Option(
            names = "--rooms",
            defaultValue = "1",
            description =
                    "Rooms to post to at random, room-0001 up; 1 is the default room through /api/messages (default: ${DEFAULT-VALUE}).")
    int roomCount;

    @Option(
            names = "--baseline",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "On PostgreSQL, run the pgbench baseline first at the same concurrency (default: ${DEFAULT-VALUE}).")
    boolean baseline;

    @Override
    String name() {
        return "publish";
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
        List<ServerNode> nodes = target.nodes();
        report.setting("senders", senders);
        if (nodes.size() > 1) {
            report.setting("nodes", nodes.size());
        }
        report.setting("rooms", rooms.isDefaultRoom() ? "1 (the default room: /api/messages)" : roomCount);
        report.setting("duration", DurationText.format(duration));
        report.setting("warmup", DurationText.format(warmup));
        report.setting("text_length", textLength);
        report.setting("tokens", target.tokens().on());
        report.setting(
                "client",
                "Undertow HTTP client, " + options.clientThreads + " IO thread(s), " + options.sourceAddresses
                        + " source addresses");

        Pgbench.Result pgbench = null;
        boolean withBaseline =
                baseline && target.database() != null && target.database().isPostgres();
        if (withBaseline) {
            System.out.printf("[publish] baseline: pgbench, %d clients, %s%n", senders, DurationText.format(duration));
            pgbench = Pgbench.run(target.database(), senders, duration);
            report.result("baseline", BaselineScenario.describe(pgbench));
        }

        LongAdder acknowledged = new LongAdder();
        LongAdder[] acknowledgedByNode = counters(nodes.size());
        LongAdder[] errorsByNode = counters(nodes.size());
        LongAdder sentInWindow = new LongAdder();
        StatusCounts errors = new StatusCounts();
        Latencies latencies = new Latencies();
        String text = "publish benchmark " + "x".repeat(Math.max(0, textLength - 18));
        try (LoadClient client = new LoadClient(options.clientThreads, options.sourceAddresses)) {
            List<HttpPoster> posters = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                ServerNode node = nodes.get(i % nodes.size()); // sender i posts to node i mod N
                posters.add(new HttpPoster(
                        client.connectHttp(node.baseUri(), i),
                        client.buffers(),
                        node.baseUri().getAuthority(),
                        target.tokens().authorization("bench-sender-" + i)));
            }
            long start = System.nanoTime();
            long windowStart = start + warmup.toNanos();
            long end = windowStart + duration.toNanos();
            AtomicLong sequence = new AtomicLong();
            CountDownLatch finished = new CountDownLatch(senders);
            ServerProbe.Reading[] atWindowStart = new ServerProbe.Reading[nodes.size()];
            CpuMeter[] cpu = new CpuMeter[1];
            try (Progress ignored = new Progress(
                    "publish",
                    options.progressEvery,
                    () -> String.format(
                            "%,d acknowledged in the window, p99 %.1f ms, errors %d",
                            acknowledged.sum(), latencies.percentileMillis(99), errors.total()))) {
                for (int i = 0; i < senders; i++) {
                    HttpPoster poster = posters.get(i);
                    int node = i % nodes.size();
                    new Object() {
                        void next() {
                            long sentAt = System.nanoTime();
                            if (sentAt >= end) {
                                finished.countDown();
                                return;
                            }
                            String body = "{\"sequence\":" + sequence.incrementAndGet() + ",\"text\":\"" + text + "\"}";
                            poster.post(rooms.postPath(rooms.random()), body, (status, answer, failure) -> {
                                long doneAt = System.nanoTime();
                                if (sentAt >= windowStart && doneAt < end) {
                                    sentInWindow.increment();
                                    if (status == 200) {
                                        acknowledged.increment();
                                        acknowledgedByNode[node].increment();
                                        latencies.recordNanos(doneAt - sentAt);
                                    } else {
                                        errors.record(status);
                                        errorsByNode[node].increment();
                                    }
                                }
                                if (failure != null) {
                                    finished.countDown();
                                } else {
                                    next();
                                }
                            });
                        }
                    }.next();
                }
                Thread.sleep(Duration.ofNanos(Math.max(0, windowStart - System.nanoTime())));
                for (ServerNode node : nodes) {
                    atWindowStart[node.number() - 1] = node.probe().read();
                }
                cpu[0] = new CpuMeter(target.serverPids());
                if (!finished.await(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("senders did not finish within a minute of the end");
                }
            }
            Map<String, Object> cpuUsed = cpu[0].since(acknowledged.sum(), "messages");
            ServerProbe.Reading[] atEnd = new ServerProbe.Reading[nodes.size()];
            for (ServerNode node : nodes) {
                atEnd[node.number() - 1] = node.probe().read();
            }
            for (HttpPoster poster : posters) {
                poster.close();
            }

            double seconds = duration.toNanos() / 1e9;
            double perSecond = acknowledged.sum() / seconds;
            report.result("acknowledged", acknowledged.sum());
            report.result("acknowledged_per_s", Math.round(perSecond));
            report.result("post_latency", latencies.summary());
            report.result("errors_by_status", errors.describe());
            double[] batchesByNode = new double[nodes.size()];
            double[] messagesByNode = new double[nodes.size()];
            for (int k = 0; k < nodes.size(); k++) {
                batchesByNode[k] = atEnd[k].committedBatches() - atWindowStart[k].committedBatches();
                messagesByNode[k] = atEnd[k].committedMessages() - atWindowStart[k].committedMessages();
            }
            double batches = Arrays.stream(batchesByNode).sum();
            report.result("server_commits", Math.round(batches));
            report.result(
                    "server_messages_per_commit",
                    messagesPerCommit(Arrays.stream(messagesByNode).sum(), batches));
            report.result("cpu", cpuUsed);
            if (nodes.size() > 1) {
                Map<String, Object> byNode = new LinkedHashMap<>();
                for (ServerNode node : nodes) {
                    int k = node.number() - 1;
                    Map<String, Object> figures = new LinkedHashMap<>();
                    figures.put("url", node.baseUri().toString());
                    figures.put("senders", (senders - k + nodes.size() - 1) / nodes.size());
                    figures.put("acknowledged", acknowledgedByNode[k].sum());
                    figures.put("acknowledged_per_s", Math.round(acknowledgedByNode[k].sum() / seconds));
                    figures.put("failed_requests", errorsByNode[k].sum());
                    figures.put("server_commits", Math.round(batchesByNode[k]));
                    figures.put("server_messages_per_commit", messagesPerCommit(messagesByNode[k], batchesByNode[k]));
                    byNode.put(node.key(), figures);
                }
                report.result("nodes", byNode);
            }
            report.correctness("failed_requests", errors.total());

            double p99 = latencies.percentileMillis(99);
            if (pgbench != null) {
                double ratio = perSecond / pgbench.transactionsPerSecond();
                report.result("ratio_to_baseline", Math.round(ratio * 100) / 100.0);
                report.goal(
                        "publish on PostgreSQL at 64 senders >= 2x the pgbench baseline",
                        Math.round(ratio * 100) / 100.0 + "x",
                        ratio >= 2.0);
            }
            report.goal("POST p99 under 20 ms", p99 + " ms", p99 < 20);
        }
    }

    private static LongAdder[] counters(int count) {
        LongAdder[] counters = new LongAdder[count];
        Arrays.setAll(counters, i -> new LongAdder());
        return counters;
    }

    private static double messagesPerCommit(double messages, double batches) {
        return batches > 0 ? Math.round(messages / batches * 10) / 10.0 : 0;
    }
}
