package dev.chatgopher.transport.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    @Test
    void blocks_of_both_families_match_their_addresses_only() throws Exception {
        TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", " 192.168.1.7 ", "fd00::/8", ""));

        assertTrue(proxies.trusts(InetAddress.getByName("10.255.0.1")));
        assertTrue(proxies.trusts(InetAddress.getByName("192.168.1.7")));
        assertTrue(proxies.trusts(InetAddress.getByName("fd12::1")));
        assertFalse(proxies.trusts(InetAddress.getByName("11.0.0.1")));
        assertFalse(proxies.trusts(InetAddress.getByName("192.168.1.8")));
        assertFalse(proxies.trusts(InetAddress.getByName("fe80::1")));
        assertFalse(TrustedProxies.none().trusts(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void a_block_that_is_not_one_is_refused_in_one_sentence_and_no_name_is_looked_up() {
        IllegalArgumentException name =
                assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("proxy.internal")));
        IllegalArgumentException prefix =
                assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("10.0.0.0/33")));

        assertEquals(
                "a trusted proxy must be an IP address or a CIDR block such as 10.0.0.0/8 or fd00::/8, got"
                        + " \"proxy.internal\"",
                name.getMessage());
        assertEquals("the prefix length of \"10.0.0.0/33\" must be a number from 0 to 32", prefix.getMessage());
    }
}
