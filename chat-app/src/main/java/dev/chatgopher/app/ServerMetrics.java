package dev.chatgopher.app;

import dev.chatgopher.domain.service.GroupCommitWriter;
import dev.chatgopher.domain.service.StoreAvailability;
import dev.chatgopher.persistence.jooq.feed.PostgresMessageFeed;
import dev.chatgopher.transport.ChatServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToDoubleFunction;

/**
 * The metrics served at {@code GET /metrics}: the JVM's (heap, GC, threads, CPU), the process's resident memory,
 * the connection pool's (HikariCP binds itself to {@link #registry()}), the server's own (requests, WebSocket
 * sessions and closes, delivery lag, recorded by the transport), and the writer's and database's gauges added by
 * {@link #watch}. docs/operations.md lists them.
 */
final class ServerMetrics implements AutoCloseable {

    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    ServerMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("process.resident.memory", ServerMetrics::residentBytes)
                .baseUnit("bytes")
                .description("Resident set size of the server process (VmRSS), NaN where /proc is missing")
                .register(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    /** Adds the gauges of the running server, writer and database. */
    void watch(ChatServer server, GroupCommitWriter writer, StoreAvailability availability, String databaseProduct) {
        Gauge.builder("chat.websocket.sessions", server, ChatServer::webSocketSessions)
                .description("WebSocket sessions open or completing their handshake")
                .register(registry);
        Gauge.builder("chat.writer.waiting", writer, GroupCommitWriter::waitingSends)
                .description("Sends waiting for the single writer")
                .register(registry);
        FunctionCounter.builder("chat.writer.batches", writer, GroupCommitWriter::committedBatches)
                .description("Transactions committed by the writer")
                .register(registry);
        FunctionCounter.builder("chat.writer.messages", writer, GroupCommitWriter::committedMessages)
                .description("Messages committed by the writer")
                .register(registry);
        deadlineAnswers(writer, "not_stored", GroupCommitWriter::notStoredInTime);
        deadlineAnswers(writer, "unknown", GroupCommitWriter::outcomeUnknownInTime);
        Gauge.builder("chat.database.available", availability, a -> a.isAvailable() ? 1 : 0)
                .description("1 while the database is taken to be available, 0 while requests are refused at once")
                .register(registry);
        Gauge.builder("chat.database.info", () -> 1)
                .tag("product", databaseProduct)
                .description("The database the server uses")
                .register(registry);
    }

    /** Adds the gauges and counters of the feed through PostgreSQL. */
    void watch(PostgresMessageFeed feed) {
        Gauge.builder("chat.feed.listener.connected", feed, f -> f.listenerConnected() ? 1 : 0)
                .description("1 while the feed's listening connection is up; while 0 the node serves on and catches up"
                        + " when it is back")
                .register(registry);
        FunctionCounter.builder("chat.feed.reconnects", feed, PostgresMessageFeed::reconnects)
                .description("Times the feed's listening connection was lost and opened again")
                .register(registry);
        FunctionCounter.builder("chat.feed.catchup.reads", feed, PostgresMessageFeed::catchUpReads)
                .description("Page reads of messages committed by other nodes (or after a gap), failed ones included")
                .register(registry);
        Gauge.builder("chat.feed.last.delivered.id", feed, PostgresMessageFeed::lastDeliveredId)
                .description("The newest message id this node delivered to its WebSocket clients")
                .register(registry);
    }

    /** Sends answered at their deadline, one series per outcome. */
    private void deadlineAnswers(GroupCommitWriter writer, String outcome, ToDoubleFunction<GroupCommitWriter> count) {
        FunctionCounter.builder("chat.writer.deadline.answers", writer, count)
                .tag("outcome", outcome)
                .description("Sends answered at their deadline: 503 while still queued (not_stored), 504 while the"
                        + " database had them (unknown)")
                .register(registry);
    }

    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private static double residentBytes() {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
