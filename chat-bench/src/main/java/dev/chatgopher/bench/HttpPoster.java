package dev.chatgopher.bench;

import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.ClientExchange;
import io.undertow.client.ClientRequest;
import io.undertow.connector.ByteBufferPool;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StringReadChannelListener;
import io.undertow.util.StringWriteChannelListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** POSTs JSON bodies over one keep-alive connection, one request at a time, without blocking a thread. */
final class HttpPoster implements AutoCloseable {

    /** How a request ended: an HTTP status and body, or a failure (then status is 0). */
    @FunctionalInterface
    interface Completion {
        void done(int status, String body, IOException failure);
    }

    private final ClientConnection connection;
    private final ByteBufferPool buffers;
    private final String host;

    HttpPoster(ClientConnection connection, ByteBufferPool buffers, String host) {
        this.connection = connection;
        this.buffers = buffers;
        this.host = host;
    }

    /** Sends one request; call again only after the completion ran. */
    void post(String path, String json, Completion completion) {
        ClientRequest request = new ClientRequest().setMethod(Methods.POST).setPath(path);
        request.getRequestHeaders()
                .put(Headers.HOST, host)
                .put(Headers.CONTENT_TYPE, "application/json")
                .put(Headers.CONTENT_LENGTH, json.getBytes(StandardCharsets.UTF_8).length);
        connection.sendRequest(request, new ClientCallback<>() {
            @Override
            public void completed(ClientExchange exchange) {
                new StringWriteChannelListener(json, StandardCharsets.UTF_8).setup(exchange.getRequestChannel());
                exchange.setResponseListener(new ClientCallback<>() {
                    @Override
                    public void completed(ClientExchange answered) {
                        int status = answered.getResponse().getResponseCode();
                        new StringReadChannelListener(buffers) {
                            @Override
                            protected void stringDone(String body) {
                                completion.done(status, body, null);
                            }

                            @Override
                            protected void error(IOException failure) {
                                completion.done(0, null, failure);
                            }
                        }.setup(answered.getResponseChannel());
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

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
