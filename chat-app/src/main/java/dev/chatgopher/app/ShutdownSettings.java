package dev.chatgopher.app;

import java.time.Duration;

/**
 * How the server drains on SIGTERM.
 *
 * @param grace   how long it keeps serving after readiness turned 503, so that a load balancer sees the change
 * @param timeout how long the whole drain may take before the process is ended anyway
 */
public record ShutdownSettings(Duration grace, Duration timeout) {

    public static final ShutdownSettings DEFAULT = new ShutdownSettings(Duration.ofSeconds(2), Duration.ofSeconds(15));

    public ShutdownSettings {
        if (grace.isNegative() || timeout.compareTo(grace) <= 0) {
            throw new StartupException(
                    "chat.shutdown.grace must be 0 or more and chat.shutdown.timeout longer than it, got " + grace
                            + " and " + timeout);
        }
    }
}
