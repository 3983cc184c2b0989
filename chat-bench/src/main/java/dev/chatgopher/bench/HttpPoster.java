package dev.chatgopher.bench;

import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.ClientExchange;
import io.undertow.client.ClientRequest;
import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;

/**
 * POSTs JSON bodies over one keep-alive connection, one request at a time, without blocking a thread. The answer
 * is read as bytes and decoded only when asked for: the load generator shares the machine with the server, so
 * what it saves per request the server gets.
 */
final class HttpPoster implements AutoCloseable {

    /** How a request ended: an HTTP status and body, or a failure (then status is 0). */
    @FunctionalInterface
    interface Completion {
        void done(int status, Answer body, IOException failure);
    }

    /** The body of an answer, decoded on demand. */
    static final class Answer {
        private final byte[] bytes;
        private final int length;

        Answer(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        String text() {
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
    }

    private static final HttpString JSON = new HttpString("application/json");

    private final ClientConnection connection;
    private final ByteBufferPool buffers;
    private final String host;
    private final String authorization;

    HttpPoster(ClientConnection connection, ByteBufferPool buffers, String host) {
        this(connection, buffers, host, null);
    }

    /** Every request carries {@code Authorization: authorization}, unless it is null. */
    HttpPoster(ClientConnection connection, ByteBufferPool buffers, String host, String authorization) {
        this.connection = connection;
        this.buffers = buffers;
        this.host = host;
        this.authorization = authorization;
    }

    /** Sends one request; call again only after the completion ran (it runs exactly once). */
    void post(String path, String json, Completion once) {
        post(path, json, Map.of(), null, once);
    }

    /**
     * Sends one request with extra headers. When {@code timeout} (if not null) passes without the whole answer, the
     * completion gets a {@link SocketTimeoutException} and the connection is closed: an HTTP/1.1 connection that
     * still owes an answer cannot carry the next request.
     */
    void post(String path, String json, Map<String, String> headers, Duration timeout, Completion once) {
        AtomicBoolean done = new AtomicBoolean();
        XnioExecutor.Key[] timer = new XnioExecutor.Key[1];
        Completion completion = (status, answer, failure) -> {
            if (done.compareAndSet(false, true)) {
                if (timer[0] != null) {
                    timer[0].remove();
                }
                once.done(status, answer, failure);
            }
        };
        if (timeout != null) {
            timer[0] = connection
                    .getIoThread()
                    .executeAfter(
                            () -> {
                                if (done.compareAndSet(false, true)) {
                                    IoUtils.safeClose(connection);
                                    once.done(
                                            0,
                                            null,
                                            new SocketTimeoutException(
                                                    "no answer within " + DurationText.format(timeout)));
                                }
                            },
                            timeout.toMillis(),
                            TimeUnit.MILLISECONDS);
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ClientRequest request = new ClientRequest().setMethod(Methods.POST).setPath(path);
        request.getRequestHeaders()
                .put(Headers.HOST, host)
                .put(Headers.CONTENT_TYPE, JSON.toString())
                .put(Headers.CONTENT_LENGTH, body.length);
        if (authorization != null) {
            request.getRequestHeaders().put(Headers.AUTHORIZATION, authorization);
        }
        headers.forEach((name, value) -> request.getRequestHeaders().put(new HttpString(name), value));
        connection.sendRequest(request, new ClientCallback<>() {
            @Override
            public void completed(ClientExchange exchange) {
                writeBody(exchange.getRequestChannel(), ByteBuffer.wrap(body), completion);
                exchange.setResponseListener(new ClientCallback<>() {
                    @Override
                    public void completed(ClientExchange answered) {
                        readBody(answered.getResponse().getResponseCode(), answered.getResponseChannel(), completion);
                    }

                    @Override
                    public void failed(IOException failure) {
                        completion.done(0, null, failure);
                    }
                });
            }

            @Override
            public void failed(IOException failure) {
                completion.done(0, null, failure);
            }
        });
    }

    /** Writes the whole body, then ends the request; as Undertow's own string listener does, without the string. */
    private static void writeBody(StreamSinkChannel channel, ByteBuffer body, Completion completion) {
        ChannelListener<StreamSinkChannel> writer = new ChannelListener<>() {
            @Override
            public void handleEvent(StreamSinkChannel sink) {
                try {
                    while (body.hasRemaining()) {
                        if (sink.write(body) == 0) {
                            sink.getWriteSetter().set(this);
                            sink.resumeWrites();
                            return;
                        }
                    }
                    sink.suspendWrites();
                    sink.shutdownWrites();
                    if (!sink.flush()) {
                        sink.getWriteSetter()
                                .set(ChannelListeners.flushingChannelListener(
                                        null, (broken, failure) -> completion.done(0, null, failure)));
                        sink.resumeWrites();
                    }
                } catch (IOException failure) {
                    IoUtils.safeClose(sink);
                    completion.done(0, null, failure);
                }
            }
        };
        writer.handleEvent(channel);
    }

    private void readBody(int status, StreamSourceChannel channel, Completion completion) {
        new Object() {
            private byte[] bytes = new byte[256];
            private int length;

            void readAvailable(StreamSourceChannel source) {
                try (PooledByteBuffer pooled = buffers.allocate()) {
                    ByteBuffer buffer = pooled.getBuffer();
                    while (true) {
                        buffer.clear();
                        int read = source.read(buffer);
                        if (read < 0) {
                            completion.done(status, new Answer(bytes, length), null);
                            IoUtils.safeClose(source); // the answer is complete; the connection stays open
                            return;
                        }
                        if (read == 0) {
                            source.getReadSetter().set(this::readAvailable);
                            source.resumeReads();
                            return;
                        }
                        buffer.flip();
                        if (length + read > bytes.length) {
                            bytes = Arrays.copyOf(bytes, Math.max(length + read, bytes.length * 2));
                        }
                        buffer.get(bytes, length, read);
                        length += read;
                    }
                } catch (IOException failure) {
                    IoUtils.safeClose(source);
                    completion.done(0, null, failure);
                }
            }
        }.readAvailable(channel);
    }

    /** False once the connection was closed, by either side or by a timeout. */
    boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
