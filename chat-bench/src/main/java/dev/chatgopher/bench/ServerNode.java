package dev.chatgopher.bench;

import java.net.URI;

/**
 * One server of the target: its number (from 1), its address, the process when the bench spawned it (else null),
 * and the probe that reads its {@code /metrics}.
 */
record ServerNode(int number, URI baseUri, SpawnedServer spawned, ServerProbe probe) {

    ServerNode(int number, URI baseUri, SpawnedServer spawned) {
        this(number, baseUri, spawned, new ServerProbe(baseUri));
    }

    URI webSocketUri(String pathAndQuery) {
        return URI.create("ws://" + baseUri.getAuthority() + pathAndQuery);
    }

    /** Its key in the report: {@code node_1}, {@code node_2}... */
    String key() {
        return "node_" + number;
    }
}
