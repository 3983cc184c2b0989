package dev.chatgopher.app;

import dev.chatgopher.domain.service.StoreAvailability;
import dev.chatgopher.transport.health.HealthCheck;
import dev.chatgopher.transport.health.Readiness;
import java.time.Duration;
import java.util.List;

/**
 * Ready when the database answered the probe within 250 ms, the migrations are applied (they run before the
 * server listens, so this holds once it serves) and the server is not draining.
 */
final class ServerReadiness implements Readiness {

    /** A database slower than this to answer one probe is not ready for traffic. */
    static final Duration DATABASE_ANSWER_LIMIT = Duration.ofMillis(250);

    private final StoreAvailability availability;
    private final HealthCheck migrations;
    private volatile boolean draining;

    ServerReadiness(StoreAvailability availability, int migrationsAppliedAtStart) {
        this.availability = availability;
        this.migrations =
                HealthCheck.up("migrations", "schema up to date (" + migrationsAppliedAtStart + " applied at start)");
    }

    void startDraining() {
        draining = true;
    }

    @Override
    public List<HealthCheck> checks() {
        return List.of(
                database(),
                migrations,
                draining
                        ? HealthCheck.down("draining", "shutting down: send new traffic elsewhere")
                        : HealthCheck.up("draining", "not draining"));
    }

    private HealthCheck database() {
        StoreAvailability.ProbeResult probe = availability.lastProbe();
        if (!probe.answered()) {
            return HealthCheck.down("database", probe.detail());
        }
        if (probe.waiting().compareTo(DATABASE_ANSWER_LIMIT) > 0) {
            return HealthCheck.down(
                    "database", "no answer for " + probe.waiting().toMillis() + " ms");
        }
        if (probe.roundTrip().compareTo(DATABASE_ANSWER_LIMIT) > 0) {
            return HealthCheck.down(
                    "database",
                    "answered in " + probe.roundTrip().toMillis() + " ms, slower than "
                            + DATABASE_ANSWER_LIMIT.toMillis() + " ms");
        }
        return HealthCheck.up("database", probe.detail());
    }
}
