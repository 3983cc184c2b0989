package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.transport.testing.TestCertificates;
import dev.chatgopher.transport.testing.WsClient;
import dev.chatgopher.transport.tls.TlsSettings;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The HTTPS/WSS listener, with a certificate made for this test: TLS 1.2 and 1.3 served, older versions refused. */
class TlsIT {

    private static final String PASSWORD = "keystore password for the test";

    private final TestCertificates certificates = TestCertificates.forLocalhost();

    @AutoClose
    private final InMemoryChat chat = startChat();

    @Test
    void https_post_and_get_work_and_the_plain_port_still_listens() throws Exception {
        HttpClient https =
                HttpClient.newBuilder().sslContext(certificates.clientContext()).build();

        HttpResponse<String> posted = https.send(
                HttpRequest.newBuilder(httpsUri("/api/messages"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"over TLS\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> rooms = https.send(
                HttpRequest.newBuilder(httpsUri("/api/rooms")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, posted.statusCode(), posted.body());
        assertTrue(posted.body().contains("\"text\":\"over TLS\""), posted.body());
        assertEquals(200, rooms.statusCode());
        assertTrue(rooms.body().contains("general"), rooms.body());
        assertEquals(200, chat.http.get("/health/live").statusCode());
    }

    @Test
    void a_wss_client_receives_a_message() throws Exception {
        HttpClient https =
                HttpClient.newBuilder().sslContext(certificates.clientContext()).build();
        try (WsClient socket =
                WsClient.connect(https, URI.create("wss://localhost:" + chat.server.tlsPort() + "/ws"))) {
            String posted =
                    chat.http.postJson("{\"text\": \"to a secure socket\"}").body();

            assertEquals(posted, socket.next());
        }
    }

    @Test
    void tls_1_2_and_1_3_handshakes_succeed() throws Exception {
        // Named here, not read from TlsSettings.PROTOCOLS: a version dropped from that list must fail this test.
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            try (SSLSocket socket = (SSLSocket)
                    certificates.clientContext().getSocketFactory().createSocket("localhost", chat.server.tlsPort())) {
                socket.setEnabledProtocols(new String[] {protocol});
                socket.startHandshake();

                assertEquals(protocol, socket.getSession().getProtocol());
            }
        }
    }

    @Test
    void a_tls_1_1_client_hello_is_answered_with_a_protocol_version_alert() throws Exception {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress("localhost", chat.server.tlsPort()));
            socket.getOutputStream().write(clientHello(0x0302));
            socket.getOutputStream().flush();

            DataInputStream in = new DataInputStream(socket.getInputStream());
            int contentType = in.readUnsignedByte();
            in.readUnsignedShort(); // record version
            int length = in.readUnsignedShort();
            byte[] alert = new byte[length];
            in.readFully(alert);

            assertEquals(21, contentType, "an alert record, not a ServerHello (22)");
            assertEquals(2, alert[0], "fatal");
            assertEquals(70, alert[1], "protocol_version: TLS 1.1 is not offered");
        }
    }

    private InMemoryChat startChat() {
        try {
            Path keystore = certificates.writePkcs12(Files.createTempFile("server", ".p12"), PASSWORD);
            InMemoryChat started = new InMemoryChat(InMemoryChat.with(
                    EdgeSettings.DEFAULT.withTls(TlsSettings.fromPkcs12(keystore, PASSWORD.toCharArray(), 0))));
            Files.delete(keystore); // read once at start
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URI httpsUri(String path) {
        return URI.create("https://localhost:" + chat.server.tlsPort() + path);
    }

    /**
     * A minimal ClientHello of the given version (0x0302 is TLS 1.1) offering two common cipher suites. A server
     * that accepted the version would answer with a ServerHello, one that lacked the suites with handshake_failure;
     * only one that refuses the version answers protocol_version.
     */
    private static byte[] clientHello(int version) {
        ByteBuffer body = ByteBuffer.allocate(2 + 32 + 1 + 2 + 4 + 2);
        body.putShort((short) version);
        body.put(new byte[32]); // random: its value does not matter for a refusal
        body.put((byte) 0); // no session id
        body.putShort((short) 4).putShort((short) 0xC013).putShort((short) 0x002F);
        body.put((byte) 1).put((byte) 0); // null compression only
        ByteBuffer record = ByteBuffer.allocate(5 + 4 + body.capacity());
        record.put((byte) 22).putShort((short) 0x0301).putShort((short) (4 + body.capacity()));
        record.put((byte) 1).put((byte) 0).putShort((short) body.capacity());
        record.put(body.array());
        return record.array();
    }
}
