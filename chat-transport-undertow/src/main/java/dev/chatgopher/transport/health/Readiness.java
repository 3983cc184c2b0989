package dev.chatgopher.transport.health;

import java.util.List;

/** The checks behind {@code GET /health/ready}: the server is ready when every one passes. Must answer quickly. */
@FunctionalInterface
public interface Readiness {

    /** Ready with no checks: for a server over in-memory adapters. */
    Readiness ALWAYS = List::of;

    List<HealthCheck> checks();
}
