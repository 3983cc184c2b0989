package dev.chatgopher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios, run in-process against a small server of this test's that records the {@code Authorization} of
 * every POST and WebSocket upgrade: with {@code --auth-secret} each connection carries its own token, signed with
 * that secret; without it, no request carries one.
 */
class BenchSendsTokensIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "the bench's secret, 32 bytes or more";
    private static final Path BENCH_JAR = Path.of(System.getProperty("chat.bench.jar", "target/chat-bench.jar"));

    @TempDir
    Path directory;

    private RecordingServer server;

    @BeforeEach
    void start() {
        server = new RecordingServer();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void publish_sends_each_sender_s_own_token_on_every_post() throws Exception {
        JsonNode summary =
                run("publish", "--auth-secret", SECRET, "--senders", "3", "--duration", "1s", "--warmup", "0s");

        assertTrue(summary.at("/settings/tokens").asBoolean(), summary.toString());
        assertTrue(server.posts.get() > 0, "nothing was posted");
        assertEquals(0, server.postsWithoutToken.get(), "posts without a token");
        assertEquals(subjects("bench-sender-", 3), verifiedSubjects(server.postTokens));
    }

    @Test
    void fanout_sends_tokens_on_the_sender_s_posts_and_on_every_subscriber_s_upgrade() throws Exception {
        JsonNode summary = run(
                "fanout",
                "--auth-secret",
                SECRET,
                "--subscribers",
                "4",
                "--sender-connections",
                "2",
                "--rate",
                "20",
                "--duration",
                "1s",
                "--warmup",
                "1s",
                "--drain",
                "5s");

        assertTrue(summary.at("/settings/tokens").asBoolean(), summary.toString());
        assertEquals(0, server.postsWithoutToken.get(), "posts without a token");
        assertEquals(0, server.upgradesWithoutToken.get(), "upgrades without a token");
        assertEquals(subjects("bench-sender-", 2), verifiedSubjects(server.postTokens));
        assertEquals(subjects("bench-subscriber-", 4), verifiedSubjects(server.upgradeTokens));
    }

    @Test
    void connections_sends_a_token_on_every_idle_socket_s_upgrade() throws Exception {
        JsonNode summary = run("connections", "--auth-secret", SECRET, "--connections", "5", "--hold", "0s");

        assertTrue(summary.at("/settings/tokens").asBoolean(), summary.toString());
        assertEquals(5, summary.at("/results/opened").asLong(), summary.toString());
        assertEquals(0, server.upgradesWithoutToken.get(), "upgrades without a token");
        assertEquals(subjects("bench-connection-", 5), verifiedSubjects(server.upgradeTokens));
    }

    @Test
    void without_the_option_no_post_and_no_upgrade_carries_a_token() throws Exception {
        JsonNode publish = run("publish", "--senders", "2", "--duration", "1s", "--warmup", "0s");
        JsonNode connections = run("connections", "--connections", "3", "--hold", "0s");

        assertEquals(false, publish.at("/settings/tokens").asBoolean(true), publish.toString());
        assertEquals(false, connections.at("/settings/tokens").asBoolean(true), connections.toString());
        assertTrue(server.posts.get() > 0, "nothing was posted");
        assertEquals(server.posts.get(), server.postsWithoutToken.get());
        assertEquals(Set.of(), server.postTokens);
        assertEquals(3, server.upgradesWithoutToken.get());
        assertEquals(Set.of(), server.upgradeTokens);
    }

    @Test
    void the_secret_may_come_from_the_environment_instead_of_the_command_line() throws Exception {
        Path output = directory.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-jar",
                        BENCH_JAR.toAbsolutePath().toString(),
                        "connections",
                        "--url",
                        server.baseUri(),
                        "--connections",
                        "2",
                        "--hold",
                        "0s")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("CHAT_BENCH_AUTH_SECRET", SECRET);
        Process bench = builder.start();
        boolean finished = bench.waitFor(2, TimeUnit.MINUTES);
        if (!finished) {
            bench.destroyForcibly();
        }

        assertTrue(finished, Files.readString(output));
        assertEquals(0, bench.exitValue(), Files.readString(output));
        assertEquals(subjects("bench-connection-", 2), verifiedSubjects(server.upgradeTokens));
        assertFalse(Files.readString(output).contains(SECRET), "the secret is never printed");
    }

    @Test
    void a_secret_under_32_bytes_is_refused_before_anything_is_sent() throws Exception {
        int status = ChatBench.commandLine()
                .execute("connections", "--url", server.baseUri(), "--auth-secret", "too short", "--connections", "1");

        assertEquals(1, status);
        assertEquals(0, server.upgradesWithoutToken.get() + server.upgradeTokens.size());
    }

    /** Runs a scenario against the recording server, expecting it to end with status 0; its JSON summary. */
    private JsonNode run(String... arguments) throws Exception {
        Path json = directory.resolve(arguments[0] + ".json");
        List<String> command = new ArrayList<>(List.of(arguments));
        command.addAll(List.of("--url", server.baseUri(), "--json", json.toString(), "--progress-every", "10s"));
        int status = ChatBench.commandLine().execute(command.toArray(String[]::new));
        assertEquals(0, status, String.join(" ", command));
        return JSON.readTree(json.toFile());
    }

    private static Set<String> subjects(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The subject of each token, after checking its signature against the secret and its rights. */
    private static Set<String> verifiedSubjects(Set<String> authorizations) throws Exception {
        Set<String> subjects = new TreeSet<>();
        MACVerifier verifier = new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8));
        for (String authorization : authorizations) {
            assertTrue(authorization.startsWith("Bearer "), authorization);
            SignedJWT token = SignedJWT.parse(authorization.substring("Bearer ".length()));
            assertTrue(token.verify(verifier), "not signed with the secret: " + authorization);
            JWTClaimsSet claims = token.getJWTClaimsSet();
            assertEquals(List.of("*"), claims.getStringListClaim("chat.read"));
            assertEquals(List.of("*"), claims.getStringListClaim("chat.write"));
            subjects.add(claims.getSubject());
        }
        return subjects;
    }

    /**
     * Answers {@code POST /api/messages} with a new id and pushes the message to every WebSocket, as the server
     * does, and {@code GET /metrics} with the open sockets; records every {@code Authorization} it is sent. One IO
     * thread, so that ids reach the sockets in order.
     */
    private static final class RecordingServer {
        final Set<String> postTokens = ConcurrentHashMap.newKeySet();
        final Set<String> upgradeTokens = ConcurrentHashMap.newKeySet();
        final AtomicLong posts = new AtomicLong();
        final AtomicLong postsWithoutToken = new AtomicLong();
        final AtomicLong upgradesWithoutToken = new AtomicLong();
        private final Set<WebSocketChannel> sockets = ConcurrentHashMap.newKeySet();
        private final AtomicLong ids = new AtomicLong();
        private final Undertow undertow;

        RecordingServer() {
            undertow = Undertow.builder()
                    .setIoThreads(1)
                    .setWorkerThreads(1)
                    .addHttpListener(0, "127.0.0.1")
                    .setHandler(Handlers.path()
                            .addExactPath("/metrics", this::metrics)
                            .addExactPath("/api/messages", this::post)
                            .addExactPath("/ws", Handlers.websocket((exchange, channel) -> {
                                String authorization = exchange.getRequestHeader(Headers.AUTHORIZATION_STRING);
                                if (authorization == null) {
                                    upgradesWithoutToken.incrementAndGet();
                                } else {
                                    upgradeTokens.add(authorization);
                                }
                                sockets.add(channel);
                                channel.addCloseTask(sockets::remove);
                                channel.getReceiveSetter().set(new AbstractReceiveListener() {});
                                channel.resumeReceives();
                            })))
                    .build();
            undertow.start();
        }

        String baseUri() {
            return "http://127.0.0.1:"
                    + ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
        }

        private void metrics(HttpServerExchange exchange) {
            exchange.getResponseSender().send("chat_websocket_sessions " + sockets.size() + "\n");
        }

        private void post(HttpServerExchange exchange) {
            if (!exchange.getRequestMethod().equals(Methods.POST)) {
                exchange.setStatusCode(405).endExchange();
                return;
            }
            posts.incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
            if (authorization == null) {
                postsWithoutToken.incrementAndGet();
            } else {
                postTokens.add(authorization);
            }
            exchange.getRequestReceiver().receiveFullString((done, body) -> {
                long id = ids.incrementAndGet();
                // The body is {"sequence":...,"text":...}: the stored message is the same with its id in front.
                String message = "{\"id\":" + id + "," + body.substring(1);
                for (WebSocketChannel socket : sockets) {
                    WebSockets.sendText(message, socket, null);
                }
                done.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                done.getResponseSender().send(message);
            });
        }

        void stop() {
            undertow.stop();
        }
    }
}
