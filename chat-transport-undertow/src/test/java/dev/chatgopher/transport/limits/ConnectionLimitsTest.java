package dev.chatgopher.transport.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.chatgopher.transport.limits.ConnectionLimits.Lease;
import dev.chatgopher.transport.limits.ConnectionLimits.Refusal;
import dev.chatgopher.transport.limits.LimitMetrics.Limit;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {

    private static final Identity ALICE = new Identity.Subject("alice");
    private static final Identity BOB = new Identity.Subject("bob");

    private final LimitMetrics metrics = LimitMetrics.inMemory();

    @Test
    void a_lease_counts_until_released_and_a_second_release_gives_back_nothing_more() {
        ConnectionLimits limits = new ConnectionLimits(
                LimitSettings.OFF.on().withHandshakes(100, 100).withConnections(1, 10, 10), metrics);

        Lease first = assertInstanceOf(Lease.class, limits.admit(ALICE, "192.0.2.1"));
        Refusal second = assertInstanceOf(Refusal.class, limits.admit(ALICE, "192.0.2.2"));
        first.release();
        first.release();
        Lease third = assertInstanceOf(Lease.class, limits.admit(ALICE, "192.0.2.2"));
        Lease bob = assertInstanceOf(Lease.class, limits.admit(BOB, "192.0.2.2"));

        assertEquals(429, second.status());
        assertEquals(2, limits.open(), "alice's released place is not given back twice");
        assertEquals(1, metrics.refusals(Limit.CONNECTIONS_PER_IDENTITY));
        third.release();
        bob.release();
        assertEquals(0, limits.open());
    }

    @Test
    void without_tokens_the_identity_is_the_address_and_only_the_per_address_count_applies() {
        ConnectionLimits limits = new ConnectionLimits(
                LimitSettings.OFF.on().withHandshakes(100, 100).withConnections(1, 3, 10), metrics);

        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Lease.class, limits.admit(new Identity.Address("192.0.2.1"), "192.0.2.1"));
        }
        Refusal fourth = assertInstanceOf(Refusal.class, limits.admit(new Identity.Address("192.0.2.1"), "192.0.2.1"));

        assertEquals(429, fourth.status());
        assertEquals(1, metrics.refusals(Limit.CONNECTIONS_PER_ADDRESS));
        assertEquals(0, metrics.refusals(Limit.CONNECTIONS_PER_IDENTITY));
    }

    @Test
    void a_subject_spelled_like_an_address_is_counted_as_a_subject_not_against_that_address() {
        ConnectionLimits limits = new ConnectionLimits(
                LimitSettings.OFF.on().withHandshakes(100, 100).withConnections(1, 10, 10), metrics);

        assertInstanceOf(Lease.class, limits.admit(new Identity.Subject("192.0.2.9"), "192.0.2.1"));
        Refusal again = assertInstanceOf(Refusal.class, limits.admit(new Identity.Subject("192.0.2.9"), "192.0.2.2"));
        Lease address = assertInstanceOf(Lease.class, limits.admit(new Identity.Address("192.0.2.9"), "192.0.2.9"));

        assertEquals(429, again.status(), "the subject's own count is at its limit of one");
        assertEquals(2, limits.open(), "the address of the same spelling was admitted: a count of its own");
        address.release();
    }

    @Test
    void a_full_server_is_503_and_the_refusal_is_counted_by_its_limit() {
        ConnectionLimits full = new ConnectionLimits(
                LimitSettings.OFF.on().withHandshakes(100, 100).withConnections(10, 10, 1), metrics);

        full.admit(ALICE, "192.0.2.1");
        Refusal serverFull = assertInstanceOf(Refusal.class, full.admit(BOB, "192.0.2.2"));

        assertEquals(503, serverFull.status());
        assertEquals(1, metrics.refusals(Limit.MAX_CONNECTIONS));
        assertEquals(0, metrics.refusals(Limit.CONNECTIONS_PER_ADDRESS));
    }

    @Test
    void off_everything_is_admitted_and_nothing_counted() {
        ConnectionLimits off = new ConnectionLimits(LimitSettings.OFF.withConnections(1, 1, 1), metrics);

        for (int i = 0; i < 5; i++) {
            assertInstanceOf(Lease.class, off.admit(ALICE, "192.0.2.1"));
        }
        assertEquals(0, off.open());
    }
}
