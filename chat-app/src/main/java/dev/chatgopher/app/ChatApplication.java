package dev.chatgopher.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatgopher.domain.inmemory.InMemoryMessageFeed;
import dev.chatgopher.domain.port.out.MessageFeed;
import dev.chatgopher.domain.port.out.MessageStore;
import dev.chatgopher.domain.service.GroupCommitWriter;
import dev.chatgopher.domain.service.ReadHistoryService;
import dev.chatgopher.domain.service.SubscribeService;
import dev.chatgopher.persistence.jooq.DatabaseMigrations;
import dev.chatgopher.persistence.jooq.JooqMessageStore;
import dev.chatgopher.transport.ChatServer;
import dev.chatgopher.transport.ChatUseCases;
import java.net.BindException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assembled server: the one place that knows every adapter. {@link #start} is what {@code main} runs and
 * what the end-to-end tests run, so both exercise the same wiring.
 */
public final class ChatApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChatApplication.class);

    private final ChatServer server;
    private final GroupCommitWriter writer;
    private final HikariDataSource dataSource;
    private final ServerMetrics metrics;

    private ChatApplication(ChatServer server, GroupCommitWriter writer, HikariDataSource dataSource, ServerMetrics metrics) {
        this.server = server;
        this.writer = writer;
        this.dataSource = dataSource;
        this.metrics = metrics;
    }

    /** Connects to the database (waiting for it if needed), migrates it, and starts serving. */
    public static ChatApplication start(AppSettings settings) {
        LOG.info("Starting Chat Gopher on the {}", settings.database().description());
        HikariDataSource dataSource = DatabaseConnector.connect(settings.database());
        try {
            int applied = DatabaseMigrations.migrate(dataSource);
            LOG.info("Database schema is up to date ({} migrations applied now)", applied);
            MessageStore store = new JooqMessageStore(dataSource, settings.database().dialect());
            MessageFeed feed = new InMemoryMessageFeed();
            GroupCommitWriter writer = GroupCommitWriter.start(store, feed, settings.textLengthLimit(), settings.writer(), Clock.systemUTC());
            ChatUseCases useCases = new ChatUseCases(writer, new ReadHistoryService(store), new SubscribeService(feed));
            ServerMetrics metrics = new ServerMetrics();
            try {
                ChatServer server = startServer(settings, useCases, metrics);
                metrics.watch(server, writer, databaseProduct(dataSource));
                return new ChatApplication(server, writer, dataSource, metrics);
            } catch (RuntimeException e) {
                writer.close();
                metrics.close();
                throw e;
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static ChatServer startServer(AppSettings settings, ChatUseCases useCases, ServerMetrics metrics) {
        try {
            return ChatServer.start(settings.server(), useCases, metrics::scrape);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof BindException bind) {
                throw new StartupException("Could not listen on " + settings.server().host() + ":" + settings.server().port()
                        + ": " + bind.getMessage(), e);
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

    /**
     * Stops accepting, closes WebSockets with 1001, lets requests finish, stores what is still queued, then
     * closes the database pool.
     */
    @Override
    public void close() {
        LOG.info("Shutting down");
        try {
            server.close();
            writer.close();
        } finally {
            metrics.close();
            dataSource.close();
        }
        LOG.info("Stopped");
    }
}
