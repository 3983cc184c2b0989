package dev.chatgopher.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Reads the server's own figures from {@code GET /metrics}: heap, resident memory, sessions, writer commits. */
final class ServerProbe {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI metrics;

    ServerProbe(URI baseUri) {
        this.metrics = baseUri.resolve("/metrics");
    }

    /** One scrape of every figure the bench reports. */
    record Reading(
            double heapUsedBytes,
            double heapCommittedBytes,
            double residentBytes,
            double webSocketSessions,
            double committedBatches,
            double committedMessages,
            String database) {}

    Reading read() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(metrics)
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + metrics + " answered " + response.statusCode());
        }
        List<PrometheusText.Sample> samples = PrometheusText.parse(response.body());
        return new Reading(
                PrometheusText.sum(samples, "jvm_memory_used_bytes", "area=\"heap\""),
                PrometheusText.sum(samples, "jvm_memory_committed_bytes", "area=\"heap\""),
                PrometheusText.sum(samples, "process_resident_memory_bytes", ""),
                PrometheusText.sum(samples, "chat_websocket_sessions", ""),
                PrometheusText.sum(samples, "chat_writer_batches_total", ""),
                PrometheusText.sum(samples, "chat_writer_messages_total", ""),
                PrometheusText.label(samples, "chat_database_info", "product"));
    }
}
