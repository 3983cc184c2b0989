package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar chat-gopher.jar token ...} as a developer runs it: a token on stdout, no server, no database. */
class TokenCommandJarIT {

    private static final String SECRET = "a development secret of 40 bytes, ok...";

    @TempDir
    Path workingDirectory;

    @Test
    void prints_a_verifiable_token_and_exits_without_serving_or_opening_the_database() throws Exception {
        Finished finished = run(
                Map.of("CHAT_AUTH_HMAC_SECRET", SECRET),
                "token",
                "--sub",
                "alice",
                "--read",
                "*",
                "--write",
                "team-*",
                "--ttl",
                "1h");

        assertEquals(0, finished.status(), finished.err());
        assertEquals("", finished.err());
        assertEquals(1, finished.out().lines().count(), finished.out());
        SignedJWT token = SignedJWT.parse(finished.out().strip());
        assertTrue(token.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))));
        assertEquals("alice", token.getJWTClaimsSet().getSubject());
        assertEquals(List.of("team-*"), token.getJWTClaimsSet().getStringListClaim("chat.write"));
        // The server would have created the embedded database under ./data.
        assertFalse(Files.exists(workingDirectory.resolve("data")), "the token command opened the database");
    }

    @Test
    void bad_usage_exits_2_with_one_line_on_stderr() throws Exception {
        Finished finished = run(Map.of("CHAT_AUTH_HMAC_SECRET", SECRET), "token", "--read", "*");

        assertEquals(2, finished.status(), finished.err());
        assertEquals("", finished.out());
        assertEquals(1, finished.err().lines().count(), finished.err());
        assertTrue(finished.err().contains("--sub"), finished.err());
    }

    private record Finished(int status, String out, String err) {}

    private Finished run(Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        Path out = workingDirectory.resolve("out.txt");
        Path err = workingDirectory.resolve("err.txt");
        ProcessBuilder builder = JarProcess.builder(workingDirectory, environment, List.of(), List.of(arguments))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // A port of its own: were the command to start the server after all, it must not meet another one's.
        builder.environment().put("APP_PORT", "0");
        Process process = builder.start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertTrue(ended, "the token command did not end: it started the server?\n" + Files.readString(out));
        return new Finished(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
