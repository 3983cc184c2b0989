package dev.chatgopher.transport.limits;

/**
 * How fast one client may send and how many WebSockets it may hold. Off, nothing is limited (a local run); on,
 * every limit below applies.
 *
 * @param enabled                whether any limit applies
 * @param messagesPerSecond      messages one identity may send each second, over HTTP and WebSocket together
 * @param messageBurst           messages one identity may send at once before the rate applies
 * @param connectionsPerIdentity WebSockets one identity (a token's subject) may hold open
 * @param connectionsPerAddress  WebSockets one client address may hold open
 * @param handshakesPerSecond    WebSocket upgrades one client address may start each second
 * @param handshakeBurst         WebSocket upgrades one client address may start at once
 * @param maxConnections         WebSockets the server holds open in all
 */
public record LimitSettings(
        boolean enabled,
        int messagesPerSecond,
        int messageBurst,
        int connectionsPerIdentity,
        int connectionsPerAddress,
        int handshakesPerSecond,
        int handshakeBurst,
        int maxConnections) {

    /** The documented defaults, switched off. */
    public static final LimitSettings OFF = new LimitSettings(false, 10, 30, 20, 200, 20, 40, 50_000);

    public LimitSettings {
        positive("messages per second", messagesPerSecond);
        positive("message burst", messageBurst);
        positive("connections per identity", connectionsPerIdentity);
        positive("connections per address", connectionsPerAddress);
        positive("handshakes per second", handshakesPerSecond);
        positive("handshake burst", handshakeBurst);
        positive("max connections", maxConnections);
    }

    /** The same limits, applied. */
    public LimitSettings on() {
        return new LimitSettings(
                true,
                messagesPerSecond,
                messageBurst,
                connectionsPerIdentity,
                connectionsPerAddress,
                handshakesPerSecond,
                handshakeBurst,
                maxConnections);
    }

    public LimitSettings withMessages(int perSecond, int burst) {
        return new LimitSettings(
                enabled,
                perSecond,
                burst,
                connectionsPerIdentity,
                connectionsPerAddress,
                handshakesPerSecond,
                handshakeBurst,
                maxConnections);
    }

    public LimitSettings withConnections(int perIdentity, int perAddress, int total) {
        return new LimitSettings(
                enabled,
                messagesPerSecond,
                messageBurst,
                perIdentity,
                perAddress,
                handshakesPerSecond,
                handshakeBurst,
                total);
    }

    public LimitSettings withHandshakes(int perSecond, int burst) {
        return new LimitSettings(
                enabled,
                messagesPerSecond,
                messageBurst,
                connectionsPerIdentity,
                connectionsPerAddress,
                perSecond,
                burst,
                maxConnections);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
