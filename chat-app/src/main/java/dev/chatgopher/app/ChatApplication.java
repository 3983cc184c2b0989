package dev.chatgopher.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatgopher.domain.service.ChatCore;
import dev.chatgopher.domain.service.StoreAvailability;
import dev.chatgopher.persistence.jooq.DatabaseMigrations;
import dev.chatgopher.persistence.jooq.JdbcStoreProbe;
import dev.chatgopher.persistence.jooq.JooqMessageStore;
import dev.chatgopher.persistence.jooq.feed.FeedChannel;
import dev.chatgopher.persistence.jooq.feed.PostgresMessageFeed;
import dev.chatgopher.transport.ChatServer;
import dev.chatgopher.transport.ChatUseCases;
import dev.chatgopher.transport.ServerOperations;
import java.net.BindException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assembled server: the one place that knows every adapter. {@link #start} is what {@code main} runs and
 * what the end-to-end tests run, so both exercise the same wiring.
 */
public final class ChatApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChatApplication.class);
    /** How often the probe asks the database while nothing else says how it is. */
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(200);

    private final ChatServer server;
    private final ChatCore core;
    /** The feed through the database, or null for the in-process one. */
    private final PostgresMessageFeed postgresFeed;

    private final JdbcStoreProbe probe;
    private final HikariDataSource dataSource;
    private final ServerMetrics metrics;
    private final ServerReadiness readiness;
    private final ShutdownSettings shutdown;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ChatApplication(
            ChatServer server,
            ChatCore core,
            PostgresMessageFeed postgresFeed,
            JdbcStoreProbe probe,
            HikariDataSource dataSource,
            ServerMetrics metrics,
            ServerReadiness readiness,
            ShutdownSettings shutdown) {
        this.server = server;
        this.core = core;
        this.postgresFeed = postgresFeed;
        this.probe = probe;
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.readiness = readiness;
        this.shutdown = shutdown;
    }

    /** Connects to the database (waiting for it if needed), migrates it, and starts serving. */
    public static ChatApplication start(AppSettings settings) {
        LOG.info("Starting Chat Gopher on the {}", settings.database().description());
        ServerMetrics metrics = new ServerMetrics();
        HikariDataSource dataSource;
        try {
            dataSource = DatabaseConnector.connect(
                    settings.database(), settings.writer().answerTimeout(), metrics.registry());
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        JdbcStoreProbe probe = DatabaseConnector.probe(settings.database());
        StoreAvailability availability = null;
        PostgresMessageFeed postgresFeed = null;
        ChatCore core = null;
        try {
            int applied = DatabaseMigrations.migrate(
                    dataSource, settings.server().rooms().defaultRoom());
            LOG.info("Database schema is up to date ({} migrations applied now)", applied);
            // A probe that waits longer than a send may is as good as no answer: sends are refused at once then.
            availability = StoreAvailability.monitor(
                    probe, PROBE_INTERVAL, settings.writer().answerTimeout());
            // Connections that lived through an outage may be half-broken: open fresh ones on either change.
            availability.onChange(available -> DatabaseConnector.evictAll(dataSource));
            ChatCore.Builder assembly;
            if (settings.feed() == FeedMode.POSTGRES) {
                FeedChannel channel = FeedChannel.ofCurrentSchema(dataSource);
                JooqMessageStore store =
                        new JooqMessageStore(dataSource, settings.database().dialect(), channel.name());
                store.warmUp();
                // Started before the writer, so that it knows the newest id before the first local commit.
                postgresFeed =
                        PostgresMessageFeed.start(store, channel, DatabaseConnector.feedListener(settings.database()));
                LOG.info("Feed: PostgreSQL LISTEN/NOTIFY on channel {}", channel.name());
                assembly = ChatCore.over(store).feed(postgresFeed);
            } else {
                JooqMessageStore store =
                        new JooqMessageStore(dataSource, settings.database().dialect());
                store.warmUp();
                assembly = ChatCore.over(store);
            }
            core = assembly.availability(availability)
                    .textLengthLimit(settings.textLengthLimit())
                    .writerSettings(settings.writer())
                    .start();
            ServerReadiness readiness = new ServerReadiness(availability, applied);
            ChatServer server = startServer(
                    settings,
                    ChatUseCases.of(core),
                    new ServerOperations(metrics.registry(), metrics::scrape, readiness));
            metrics.watch(server, core.writer(), availability, databaseProduct(dataSource));
            if (postgresFeed != null) {
                metrics.watch(postgresFeed);
            }
            return new ChatApplication(
                    server, core, postgresFeed, probe, dataSource, metrics, readiness, settings.shutdown());
        } catch (RuntimeException e) {
            if (core != null) {
                core.close(); // closes the availability monitor too
            } else if (availability != null) {
                availability.close();
            }
            if (postgresFeed != null) {
                postgresFeed.close();
            }
            probe.close();
            dataSource.close();
            metrics.close();
            throw e;
        }
    }

    private static ChatServer startServer(AppSettings settings, ChatUseCases useCases, ServerOperations operations) {
        try {
            return ChatServer.start(settings.server(), useCases, operations);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof BindException bind) {
                // The message names the address that could not be had: the plain port or the TLS one.
                throw new StartupException("Could not start: " + e.getMessage() + " (" + bind.getMessage() + ")", e);
            }
            throw e;
        }
    }

    private static String databaseProduct(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            return "unknown";
        }
    }

    /** The port the server listens on (useful when it was configured as 0). */
    public int port() {
        return server.port();
    }

    /** The HTTPS/WSS port, when a TLS keystore is configured. */
    public int tlsPort() {
        return server.tlsPort();
    }

    /**
     * Drains, as on SIGTERM: readiness answers 503 at once; the server keeps serving for the grace period, so that a
     * load balancer sees the change; then it refuses new requests, closes WebSockets with 1001, answers the requests
     * still running (every accepted send is committed first), and stops.
     */
    public void drain() {
        long deadline = System.nanoTime() + shutdown.timeout().toNanos();
        readiness.startDraining();
        LOG.info(
                "Draining: /health/ready answers 503; serving {} ms more before refusing new requests",
                shutdown.grace().toMillis());
        try {
            Thread.sleep(shutdown.grace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stopAccepting();
        server.closeWebSockets();
        if (!server.awaitRequests(Duration.ofNanos(deadline - System.nanoTime()))) {
            LOG.warn("Some requests were still running at the end of the shutdown timeout");
        }
        close();
    }

    /**
     * Stops at once: refuses new requests, closes WebSockets with 1001, lets running requests finish briefly, stores
     * what is still queued, then closes the database pool. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Shutting down");
        try {
            server.close();
            core.close();
        } finally {
            // After the writer, which publishes until its last commit.
            if (postgresFeed != null) {
                postgresFeed.close();
            }
            probe.close();
            metrics.close();
            dataSource.close();
        }
        LOG.info("Stopped");
    }
}
