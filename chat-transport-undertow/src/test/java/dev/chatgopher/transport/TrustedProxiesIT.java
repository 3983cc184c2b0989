package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.chatgopher.transport.limits.LimitSettings;
import dev.chatgopher.transport.proxy.TrustedProxies;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.Upgrade;
import dev.chatgopher.transport.testing.WsClient;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Whose address a request has: the direct peer, unless that peer is a trusted proxy. Seen through the per-address
 * connection count (one each here), whose refusal names the address it counted.
 */
class TrustedProxiesIT {

    private static final LimitSettings ONE_PER_ADDRESS =
            LimitSettings.OFF.on().withHandshakes(1_000, 1_000).withConnections(100, 1, 100);

    @Test
    void a_forwarded_address_from_a_peer_that_is_not_trusted_is_ignored() {
        try (InMemoryChat chat = chatTrusting(List.of())) {
            int port = chat.server.port();
            try (Upgrade first = Upgrade.attempt(port, "/ws", "X-Forwarded-For: 203.0.113.7");
                    Upgrade spoofed = Upgrade.attempt(port, "/ws", "X-Forwarded-For: 203.0.113.8");
                    Upgrade forwarded = Upgrade.attempt(port, "/ws", "Forwarded: for=198.51.100.1")) {
                assertEquals(101, first.status());
                assertEquals(429, spoofed.status(), "both count against the real peer, whatever they claim");
                assertEquals(429, forwarded.status());
                String message = Http.errorMessage(spoofed.answer().body());
                assertFalse(message.contains("203.0.113"), message);
                assertTrue(
                        message.matches("too many WebSockets open from (127\\.0\\.0\\.1|0:0:0:0:0:0:0:1): .*"),
                        message);
            }
        }
    }

    @Test
    void from_a_trusted_peer_each_forwarded_address_counts_as_its_own_client() {
        try (InMemoryChat chat = chatTrusting(List.of("127.0.0.1/32", "::1/128"))) {
            int port = chat.server.port();
            try (Upgrade first = Upgrade.attempt(port, "/ws", "X-Forwarded-For: 203.0.113.7");
                    Upgrade other = Upgrade.attempt(port, "/ws", "X-Forwarded-For: 203.0.113.8");
                    Upgrade same = Upgrade.attempt(port, "/ws", "X-Forwarded-For: 203.0.113.7")) {
                assertEquals(101, first.status());
                assertEquals(101, other.status());
                assertEquals(429, same.status());
                assertEquals(
                        "too many WebSockets open from 203.0.113.7: at most 1; close one first",
                        Http.errorMessage(same.answer().body()));
            }
        }
    }

    @Test
    void the_client_is_the_rightmost_address_that_is_not_a_trusted_proxy() {
        try (InMemoryChat chat = chatTrusting(List.of("127.0.0.1", "::1", "10.0.0.0/8"))) {
            int port = chat.server.port();
            try (Upgrade first = Upgrade.attempt(port, "/ws", "X-Forwarded-For: 203.0.113.7");
                    Upgrade chained = Upgrade.attempt(
                            port, "/ws", "X-Forwarded-For: 198.51.100.9, 203.0.113.7", "X-Forwarded-For: 10.1.2.3")) {
                assertEquals(101, first.status());
                assertEquals(429, chained.status(), "198.51.100.9 was written by the client itself");
                assertEquals(
                        "too many WebSockets open from 203.0.113.7: at most 1; close one first",
                        Http.errorMessage(chained.answer().body()));
            }
        }
    }

    @Test
    void forwarded_of_rfc_7239_is_read_with_quoted_ipv6_and_ports_and_wins_over_x_forwarded_for() {
        try (InMemoryChat chat = chatTrusting(List.of("127.0.0.1/32", "::1/128"))) {
            int port = chat.server.port();
            try (Upgrade first = Upgrade.attempt(
                            port,
                            "/ws",
                            "Forwarded: for=\"[2001:db8::17]:4711\";proto=https",
                            "X-Forwarded-For: 192.0.2.1");
                    Upgrade second = Upgrade.attempt(port, "/ws", "Forwarded: proto=http;for=\"[2001:db8::17]\"")) {
                assertEquals(101, first.status());
                assertEquals(429, second.status());
                assertEquals(
                        "too many WebSockets open from 2001:db8:0:0:0:0:0:17: at most 1; close one first",
                        Http.errorMessage(second.answer().body()));
            }
        }
    }

    @Test
    void the_access_log_names_the_client_a_trusted_proxy_forwarded_not_the_proxy() throws Exception {
        Logger access = (Logger) LoggerFactory.getLogger("dev.chatgopher.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level before = access.getLevel();
        access.setLevel(Level.DEBUG);
        access.addAppender(lines);
        try (InMemoryChat chat = chatTrusting(List.of("127.0.0.1/32", "::1/128"))) {
            chat.http.send(HttpRequest.newBuilder(chat.http.uri("/health/live"))
                    .header("X-Forwarded-For", "203.0.113.9")
                    .build());

            long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
            while (lines.list.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10); // the line is written once the exchange completes, just after the answer
            }
            String line = lines.list.getFirst().getFormattedMessage();
            assertTrue(line.startsWith("/203.0.113.9:"), line);
        } finally {
            access.detachAppender(lines);
            access.setLevel(before);
        }
    }

    private static InMemoryChat chatTrusting(List<String> proxies) {
        return new InMemoryChat(InMemoryChat.with(EdgeSettings.DEFAULT
                .withTrustedProxies(TrustedProxies.of(proxies))
                .withLimits(ONE_PER_ADDRESS)));
    }
}
