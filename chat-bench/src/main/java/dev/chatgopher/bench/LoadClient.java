package dev.chatgopher.bench;

import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.UndertowClient;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.util.Headers;
import io.undertow.websockets.client.WebSocketClient;
import io.undertow.websockets.client.WebSocketClientNegotiation;
import io.undertow.websockets.core.WebSocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.xnio.IoFuture;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * The load generator's network side: Undertow's non-blocking HTTP and WebSocket clients on a small XNIO worker.
 * Connections are spread over several loopback source addresses (127.0.0.1, 127.0.0.2, ...) so that tens of
 * thousands of them do not run out of ephemeral ports.
 */
final class LoadClient implements AutoCloseable {

    private static final Duration HANDSHAKES_TIMEOUT = Duration.ofMinutes(5);

    private final XnioWorker worker;
    private final ByteBufferPool buffers = new DefaultByteBufferPool(false, 8 * 1024);
    private final List<InetAddress> sources;

    LoadClient(int ioThreads, int sourceAddresses) throws IOException {
        this.worker = Xnio.getInstance()
                .createWorker(OptionMap.builder()
                        .set(Options.WORKER_IO_THREADS, ioThreads)
                        .set(Options.WORKER_TASK_CORE_THREADS, 1)
                        .set(Options.WORKER_TASK_MAX_THREADS, 1)
                        .set(Options.TCP_NODELAY, true)
                        .getMap());
        this.sources = loopbackSources(Math.max(1, Math.min(sourceAddresses, 254)));
    }

    ByteBufferPool buffers() {
        return buffers;
    }

    /** An HTTP/1.1 keep-alive connection from the {@code index}-th source address (round robin). */
    ClientConnection connectHttp(URI base, int index) throws IOException, InterruptedException {
        IoFuture<ClientConnection> connection = UndertowClient.getInstance()
                .connect(sourceFor(index), base, worker, null, buffers, OptionMap.create(Options.TCP_NODELAY, true));
        return connection.getInterruptibly();
    }

    /** The same without waiting: {@code connected} hears of the connection or the failure on an IO thread. */
    void connectHttp(URI base, int index, ClientCallback<ClientConnection> connected) {
        UndertowClient.getInstance()
                .connect(
                        connected,
                        sourceFor(index),
                        base,
                        worker,
                        buffers,
                        OptionMap.create(Options.TCP_NODELAY, true));
    }

    /** Runs a short, non-blocking task on an IO thread. */
    void execute(Runnable task) {
        worker.getIoThread().execute(task);
    }

    /** Starts a WebSocket handshake from the {@code index}-th source address. */
    IoFuture<WebSocketChannel> connectWebSocket(URI uri, int index) {
        return connectWebSocket(uri, index, null);
    }

    /** As above, the upgrade request carrying {@code Authorization: authorization} unless it is null. */
    IoFuture<WebSocketChannel> connectWebSocket(URI uri, int index, String authorization) {
        WebSocketClient.ConnectionBuilder builder =
                WebSocketClient.connectionBuilder(worker, buffers, uri).setBindAddress(sourceFor(index));
        if (authorization != null) {
            // Undertow's hook for the upgrade request's headers; no subprotocols or extensions are offered.
            builder.setClientNegotiation(new WebSocketClientNegotiation(List.of(), List.of()) {
                @Override
                public void beforeRequest(Map<String, List<String>> headers) {
                    headers.put(Headers.AUTHORIZATION_STRING, List.of(authorization));
                }
            });
        }
        return builder.connect();
    }

    /**
     * Opens {@code count} WebSockets to {@code uri}, at most {@code inFlight} handshakes at a time, spread over
     * the source addresses, and hands each open channel to {@code opened} (on an IO thread). A failed handshake
     * is left out; returns the first failure's message, or null when every handshake succeeded.
     */
    String openWebSockets(URI uri, int count, int inFlight, Consumer<WebSocketChannel> opened)
            throws InterruptedException {
        return openWebSockets(i -> uri, count, inFlight, (i, channel) -> opened.accept(channel));
    }

    /** As above, the {@code i}-th to {@code uriOf(i)}, and {@code opened} hears which one opened. */
    String openWebSockets(IntFunction<URI> uriOf, int count, int inFlight, BiConsumer<Integer, WebSocketChannel> opened)
            throws InterruptedException {
        return openWebSockets(uriOf, i -> null, count, inFlight, opened);
    }

    /** As above, the {@code i}-th with {@code Authorization: authorizationOf(i)} (none where that is null). */
    String openWebSockets(
            IntFunction<URI> uriOf,
            IntFunction<String> authorizationOf,
            int count,
            int inFlight,
            BiConsumer<Integer, WebSocketChannel> opened)
            throws InterruptedException {
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Semaphore handshakes = new Semaphore(inFlight);
        CountDownLatch done = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            handshakes.acquire();
            int index = i;
            connectWebSocket(uriOf.apply(i), i, authorizationOf.apply(i))
                    .addNotifier(
                            (future, ignored) -> {
                                try {
                                    opened.accept(index, future.get());
                                } catch (IOException failed) {
                                    firstFailure.compareAndSet(null, failed.getMessage());
                                } finally {
                                    handshakes.release();
                                    done.countDown();
                                }
                            },
                            null);
        }
        if (!done.await(HANDSHAKES_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
            throw new IllegalStateException(
                    "WebSocket handshakes did not complete within " + HANDSHAKES_TIMEOUT.toMinutes() + " minutes");
        }
        return firstFailure.get();
    }

    int sourceCount() {
        return sources.size();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    private InetSocketAddress sourceFor(int index) {
        return new InetSocketAddress(sources.get(Math.floorMod(index, sources.size())), 0);
    }

    private static List<InetAddress> loopbackSources(int count) throws UnknownHostException {
        List<InetAddress> addresses = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            addresses.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
        }
        return addresses;
    }
}
