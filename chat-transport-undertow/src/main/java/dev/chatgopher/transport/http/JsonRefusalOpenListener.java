package dev.chatgopher.transport.http;

import org.xnio.ChannelListener;
import org.xnio.StreamConnection;
import org.xnio.conduits.ConduitStreamSinkChannel;

/**
 * Opens each accepted connection with {@link JsonRefusalConduit} beneath everything Undertow writes, then hands it
 * to Undertow's own open listener ({@code HttpOpenListener}), so that even a request Undertow's parser refuses is
 * answered with the API's JSON error.
 */
public final class JsonRefusalOpenListener implements ChannelListener<StreamConnection> {

    private final ChannelListener<? super StreamConnection> undertow;

    public JsonRefusalOpenListener(ChannelListener<? super StreamConnection> undertow) {
        this.undertow = undertow;
    }

    @Override
    public void handleEvent(StreamConnection connection) {
        ConduitStreamSinkChannel sink = connection.getSinkChannel();
        sink.setConduit(new JsonRefusalConduit(sink.getConduit()));
        undertow.handleEvent(connection);
    }
}
