package dev.chatgopher.transport.ws;

import java.time.Duration;

/**
 * How WebSocket sessions are kept.
 *
 * @param outbound      the per-session outbound queue bound
 * @param pingInterval  how often the server pings each client
 * @param pongTimeout   how long after a ping a client that has sent nothing (no pong, no frame) is closed
 */
public record WebSocketSettings(OutboundLimits outbound, Duration pingInterval, Duration pongTimeout) {

    public static final WebSocketSettings DEFAULT =
            new WebSocketSettings(new OutboundLimits(4_096, 4L * 1024 * 1024), Duration.ofSeconds(30), Duration.ofSeconds(10));

    public WebSocketSettings {
        if (!pingInterval.isPositive() || !pongTimeout.isPositive()) {
            throw new IllegalArgumentException("ping interval and pong timeout must be positive, got " + pingInterval + " and " + pongTimeout);
        }
    }
}
