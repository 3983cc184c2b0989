package dev.chatgopher.transport.http;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.Connectors;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * Closes a connection whose request body was not read the way nginx's lingering close does: once the answer is
 * out, end the writing side, then read and throw away what the client still sends, up to a bound, and only then
 * close. Closing with unread bytes makes the kernel reset the connection, and a client that streams its body
 * without waiting ({@code Expect: 100-continue}) loses the answer it has not read yet.
 */
public final class LingeringClose {

    // Sixteen times the default 64 KiB body limit: a client that streams a 1 MB body (as Node's http client
    // does) finishes and reads its answer; one still sending after more than this is not waiting for an answer.
    static final long MAX_DISCARDED_BYTES = 1 << 20;
    // A client streams 1 MiB over loopback in about 50 ms (LingeringCloseIT, 8 KiB send buffer), so this leaves
    // a slow network room; the connection and the graceful shutdown's count are held while it lasts.
    static final long MAX_LINGER_MILLIS = 1_000;
    private static final int READ_BYTES = 16 * 1024;

    private LingeringClose() {}

    /**
     * Undertow's own entity limit for handlers that refuse bodies over {@code maxBodyBytes}. Undertow cuts a body
     * over its limit off by closing the connection with no answer (a chunked one as soon as its chunk sizes pass
     * the limit, which it fixes when the request arrives), so its limit sits above the handlers' by what a
     * lingering close discards, and the handler's 413 comes first.
     */
    public static long undertowEntityLimit(long maxBodyBytes) {
        return maxBodyBytes + MAX_DISCARDED_BYTES;
    }

    /**
     * Whether an answer sent now leaves body bytes that Undertow will not read: it drains the rest itself only
     * for a connection it keeps and a length within the entity limit, and cuts anything else off.
     */
    static boolean needed(HttpServerExchange exchange) {
        if (exchange.isRequestComplete()) {
            return false;
        }
        long length = exchange.getRequestContentLength();
        return !exchange.isPersistent() || length < 0 || length > exchange.getMaxEntitySize();
    }

    /** Makes the answer about to be sent say {@code Connection: close}, and close lingering once it is out. */
    static void closeAfterAnswer(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
        exchange.setPersistent(false);
        if (exchange.getConnection() instanceof AbstractServerConnection connection) {
            // With the request marked done, Undertow neither drains the body nor shuts the reading side.
            Connectors.terminateRequest(exchange);
            exchange.addExchangeCompleteListener((done, next) -> new Linger(connection, next).start());
        }
    }

    /**
     * One lingering close, on the connection's IO thread. It holds the exchange's completion (Undertow's own
     * close and the graceful shutdown's count) until it has closed the connection.
     */
    private static final class Linger implements ChannelListener<ConduitStreamSourceChannel> {

        private final AbstractServerConnection connection;
        private final StreamConnection channel;
        private final ExchangeCompletionListener.NextListener next;
        private final ByteBuffer discard = ByteBuffer.allocate(READ_BYTES);
        private XnioExecutor.Key deadline;
        private long discarded;
        private boolean finished;

        Linger(AbstractServerConnection connection, ExchangeCompletionListener.NextListener next) {
            this.connection = connection;
            this.channel = connection.getChannel();
            this.next = next;
        }

        void start() {
            XnioIoThread ioThread = channel.getIoThread();
            if (Thread.currentThread() != ioThread) {
                ioThread.execute(this::start);
                return;
            }
            if (!channel.isOpen()) {
                finish();
                return;
            }
            // The exchange's conduits are done with (the answer is flushed); read and write the socket itself.
            connection.clearChannel();
            deadline = ioThread.executeAfter(this::finish, MAX_LINGER_MILLIS, TimeUnit.MILLISECONDS);
            try {
                ConduitStreamSinkChannel sink = channel.getSinkChannel();
                sink.shutdownWrites();
                if (sink.flush()) {
                    startDiscarding();
                } else {
                    sink.getWriteSetter()
                            .set(ChannelListeners.flushingChannelListener(
                                    flushed -> startDiscarding(), (failed, e) -> finish()));
                    sink.resumeWrites();
                }
            } catch (IOException e) {
                finish();
            }
        }

        private void startDiscarding() {
            ConduitStreamSourceChannel source = channel.getSourceChannel();
            source.getReadSetter().set(this);
            handleEvent(source);
            if (!finished) {
                source.resumeReads();
            }
        }

        @Override
        public void handleEvent(ConduitStreamSourceChannel source) {
            try {
                int read;
                do {
                    read = source.read(discard.clear());
                    discarded += Math.max(read, 0);
                } while (read > 0 && discarded <= MAX_DISCARDED_BYTES);
                if (read != 0) {
                    // The client closed its side (it has the answer), or it sent more than a client waiting for one
                    // would.
                    finish();
                }
            } catch (IOException e) {
                finish();
            }
        }

        private void finish() {
            if (finished) {
                return;
            }
            finished = true;
            if (deadline != null) {
                deadline.remove();
            }
            IoUtils.safeClose(channel);
            next.proceed();
        }
    }
}
