package dev.chatgopher.transport.ws;

import java.time.Duration;

/**
 * How WebSocket sessions are kept.
 *
 * @param outbound        the per-session outbound queue bound
 * @param pingInterval    how often the server pings each client
 * @param pongTimeout     how long after a ping a client that has sent nothing (no pong, no frame) is closed
 * @param fanOutInterval  under load, the least time between two fan-outs: messages committed meanwhile go out
 *                        together, several frames per write to each client; an idle server fans out at once
 */
public record WebSocketSettings(
        OutboundLimits outbound, Duration pingInterval, Duration pongTimeout, Duration fanOutInterval) {

    public static final WebSocketSettings DEFAULT = new WebSocketSettings(
            new OutboundLimits(4_096, 4L * 1024 * 1024),
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            Duration.ofMillis(20));

    public WebSocketSettings {
        if (!pingInterval.isPositive() || !pongTimeout.isPositive()) {
            throw new IllegalArgumentException(
                    "ping interval and pong timeout must be positive, got " + pingInterval + " and " + pongTimeout);
        }
        if (fanOutInterval.isNegative()) {
            throw new IllegalArgumentException("the fan-out interval must not be negative, got " + fanOutInterval);
        }
    }

    public WebSocketSettings withHeartbeat(Duration interval, Duration timeout) {
        return new WebSocketSettings(outbound, interval, timeout, fanOutInterval);
    }

    public WebSocketSettings withOutbound(OutboundLimits limits) {
        return new WebSocketSettings(limits, pingInterval, pongTimeout, fanOutInterval);
    }
}
