package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.transport.auth.AuthSettings;
import dev.chatgopher.transport.auth.TokenKeys;
import dev.chatgopher.transport.limits.Identity;
import dev.chatgopher.transport.limits.LimitSettings;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.Tokens;
import dev.chatgopher.transport.testing.Upgrade;
import dev.chatgopher.transport.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WebSocket connections per address, per identity and in all, and handshakes per second: refused before the upgrade. */
class ConnectionLimitsIT {

    /** Counts only, with a handshake rate no test here reaches. */
    private static final LimitSettings COUNTS =
            LimitSettings.OFF.on().withHandshakes(1_000, 1_000).withConnections(100, 100, 100);

    @Test
    void past_the_count_per_address_an_upgrade_is_refused_429_and_an_abrupt_disconnect_frees_its_place()
            throws Exception {
        try (InMemoryChat chat = chatWith(COUNTS.withConnections(100, 2, 100))) {
            int port = chat.server.port();
            Upgrade first = Upgrade.attempt(port, "/ws");
            try (Upgrade second = Upgrade.attempt(port, "/ws");
                    Upgrade third = Upgrade.attempt(port, "/ws")) {
                assertEquals(101, first.status());
                assertEquals(101, second.status());
                assertEquals(429, third.status());
                assertEquals("application/json", third.answer().header("Content-Type"));
                assertEquals("5", third.answer().header("Retry-After"));
                String message = Http.errorMessage(third.answer().body());
                assertTrue(
                        message.startsWith("too many WebSockets open from ")
                                && message.endsWith(": at most 2; close one first"),
                        message);

                first.close(); // no close frame: the connection just ends

                try (Upgrade again = awaitUpgrade(port)) {
                    assertEquals(101, again.status());
                }
            }
        }
    }

    @Test
    void a_socket_closed_with_a_close_frame_frees_its_place() throws Exception {
        try (InMemoryChat chat = chatWith(COUNTS.withConnections(100, 1, 100))) {
            WsClient client = WsClient.connect(chat.http.webSocketUri("/ws"));
            try (Upgrade refused = Upgrade.attempt(chat.server.port(), "/ws")) {
                assertEquals(429, refused.status());
            }

            client.close();

            try (Upgrade again = awaitUpgrade(chat.server.port())) {
                assertEquals(101, again.status());
            }
        }
    }

    @Test
    void past_the_count_per_identity_an_upgrade_is_refused_429_whatever_the_address() {
        try (InMemoryChat chat = new InMemoryChat(
                InMemoryChat.with(EdgeSettings.DEFAULT.withLimits(COUNTS.withConnections(2, 100, 100))),
                exchange -> new Identity.Subject("alice"))) {
            int port = chat.server.port();
            try (Upgrade first = Upgrade.attempt(port, "/ws");
                    Upgrade second = Upgrade.attempt(port, "/ws");
                    Upgrade third = Upgrade.attempt(port, "/ws")) {
                assertEquals(101, first.status());
                assertEquals(101, second.status());
                assertEquals(429, third.status());
                assertEquals(
                        "too many WebSockets open for alice: at most 2; close one first",
                        Http.errorMessage(third.answer().body()));
            }
        }
    }

    @Test
    void past_the_total_an_upgrade_is_refused_503() {
        try (InMemoryChat chat = chatWith(COUNTS.withConnections(100, 100, 2))) {
            int port = chat.server.port();
            try (Upgrade first = Upgrade.attempt(port, "/ws");
                    Upgrade second = Upgrade.attempt(port, "/ws");
                    Upgrade third = Upgrade.attempt(port, "/ws")) {
                assertEquals(101, first.status());
                assertEquals(101, second.status());
                assertEquals(503, third.status());
                assertEquals(
                        "the server holds as many WebSockets as it may; retry shortly",
                        Http.errorMessage(third.answer().body()));
                assertEquals(2, chat.server.webSocketSessions());
            }
        }
    }

    @Test
    void handshakes_past_the_rate_per_address_are_refused_429_with_retry_after() {
        try (InMemoryChat chat = chatWith(COUNTS.withHandshakes(1, 2))) {
            int port = chat.server.port();
            List<Upgrade> upgrades = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    upgrades.add(Upgrade.attempt(port, "/ws"));
                }
                assertEquals(101, upgrades.get(0).status());
                assertEquals(101, upgrades.get(1).status());
                Upgrade refused = upgrades.get(2);
                assertEquals(429, refused.status());
                assertEquals("1", refused.answer().header("Retry-After"));
                assertTrue(
                        Http.errorMessage(refused.answer().body()).startsWith("too many WebSocket handshakes from "),
                        refused.answer().body());
            } finally {
                upgrades.forEach(Upgrade::close);
            }
        }
    }

    @Test
    void the_handshake_rate_is_counted_before_the_token_is_verified() {
        ServerSettings tokensOn = InMemoryChat.with(EdgeSettings.DEFAULT.withLimits(COUNTS.withHandshakes(1, 2)))
                .withAuth(AuthSettings.tokens(TokenKeys.HmacSecret.of(Tokens.SECRET)));
        String forged = Tokens.hs256("another-secret-of-at-least-thirty-two-bytes!", "mallory")
                .read("*")
                .sign();
        try (InMemoryChat chat = new InMemoryChat(tokensOn)) {
            int port = chat.server.port();
            List<Upgrade> upgrades = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    upgrades.add(Upgrade.attempt(port, "/ws?access_token=" + forged));
                }
                // The first two are within the rate and reach the verifier, which refuses them; the third never does.
                assertEquals(401, upgrades.get(0).status());
                assertEquals(401, upgrades.get(1).status());
                assertEquals(429, upgrades.get(2).status());
                assertEquals("1", upgrades.get(2).answer().header("Retry-After"));
                assertEquals(
                        1.0,
                        chat.meters
                                .get("chat.limits.refusals")
                                .tag("limit", "handshakes")
                                .counter()
                                .count());
            } finally {
                upgrades.forEach(Upgrade::close);
            }
        }
    }

    @Test
    void an_upgrade_refused_after_admission_for_a_bad_request_gives_its_place_back() throws Exception {
        try (InMemoryChat chat = chatWith(COUNTS.withConnections(100, 1, 100))) {
            int port = chat.server.port();
            // Each refusal below holds the one place until its exchange completes, just after the answer is out.
            assertEquals(400, awaitAdmitted(port, "/ws?after=yesterday").status());
            assertEquals(400, awaitAdmitted(port, "/ws?rooms=Not%20A%20Room").status());

            try (Upgrade good = awaitAdmitted(port, "/ws")) {
                assertEquals(101, good.status());
            }
        }
    }

    private static InMemoryChat chatWith(LimitSettings limits) {
        return new InMemoryChat(InMemoryChat.with(EdgeSettings.DEFAULT.withLimits(limits)));
    }

    /** Retries an upgrade until it is admitted: a closed connection's place comes back once the server saw it close. */
    private static Upgrade awaitUpgrade(int port) throws InterruptedException {
        return awaitAdmitted(port, "/ws");
    }

    /** Retries a request while it is refused 429 (its place not yet given back), and returns the first other answer. */
    private static Upgrade awaitAdmitted(int port, String pathAndQuery) throws InterruptedException {
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        while (true) {
            Upgrade attempt = Upgrade.attempt(port, pathAndQuery);
            if (attempt.status() != 429 || System.nanoTime() > deadline) {
                return attempt;
            }
            attempt.close();
            Thread.sleep(20);
        }
    }
}
