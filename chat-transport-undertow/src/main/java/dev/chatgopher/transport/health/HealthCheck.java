package dev.chatgopher.transport.health;

/** One check of a health answer: its name, whether it passes, and a few words on why. */
public record HealthCheck(String name, boolean up, String detail) {

    public static HealthCheck up(String name, String detail) {
        return new HealthCheck(name, true, detail);
    }

    public static HealthCheck down(String name, String detail) {
        return new HealthCheck(name, false, detail);
    }
}
