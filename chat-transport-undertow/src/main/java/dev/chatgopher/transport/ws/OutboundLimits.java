package dev.chatgopher.transport.ws;

/** How much may wait, per session, between the server and a client that is not reading fast enough. */
public record OutboundLimits(int maxFrames, long maxBytes) {

    public OutboundLimits {
        if (maxFrames < 1 || maxBytes < 1) {
            throw new IllegalArgumentException(
                    "outbound limits must be positive: " + maxFrames + " frames, " + maxBytes + " bytes");
        }
    }
}
