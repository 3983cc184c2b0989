package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.typesafe.config.Config;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.transport.auth.AuthSettings;
import dev.chatgopher.transport.auth.Caller;
import dev.chatgopher.transport.auth.TokenVerifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code token} command through its entry method, with the configuration loaded as the server loads it. */
class TokenCommandTest {

    private static final String SECRET = "a development secret of 40 bytes, ok...";
    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    @TempDir
    Path workingDirectory;

    @Test
    void prints_only_a_token_signed_with_the_configured_secret_carrying_the_asked_claims() throws Exception {
        Outcome outcome = run(
                Map.of("CHAT_AUTH_HMAC_SECRET", SECRET),
                "--sub",
                "alice",
                "--name",
                "Alice A.",
                "--read",
                "*",
                "--write",
                "team-*,ops",
                "--write",
                "general",
                "--ttl",
                "1h");

        assertEquals(0, outcome.status(), outcome.err());
        assertEquals("", outcome.err());
        assertTrue(outcome.out().endsWith("\n"), outcome.out());
        assertEquals(1, outcome.out().lines().count(), "nothing but the token on stdout: " + outcome.out());
        SignedJWT token = SignedJWT.parse(outcome.out().strip());
        assertEquals(JWSAlgorithm.HS256, token.getHeader().getAlgorithm());
        assertTrue(token.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))));
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertEquals("alice", claims.getSubject());
        assertEquals("Alice A.", claims.getStringClaim("name"));
        assertEquals(Date.from(NOW.plusSeconds(3600)), claims.getExpirationTime());
        assertEquals(List.of("*"), claims.getStringListClaim("chat.read"));
        assertEquals(List.of("team-*", "ops", "general"), claims.getStringListClaim("chat.write"));
        // JSON arrays, as the contract says, not one comma-separated string.
        assertTrue(token.getPayload().toString().contains("\"chat.write\":[\"team-*\",\"ops\",\"general\"]"));
        assertNull(claims.getIssuer());
        assertEquals(List.of(), claims.getAudience());
    }

    @Test
    void carries_the_configured_issuer_and_audience() throws Exception {
        Outcome outcome = run(
                Map.of(
                        "CHAT_AUTH_HMAC_SECRET",
                        SECRET,
                        "CHAT_AUTH_ISSUER",
                        "https://issuer.example",
                        "CHAT_AUTH_AUDIENCE",
                        "chat-gopher"),
                "--sub",
                "bob");

        assertEquals(0, outcome.status(), outcome.err());
        JWTClaimsSet claims = SignedJWT.parse(outcome.out().strip()).getJWTClaimsSet();
        assertEquals("https://issuer.example", claims.getIssuer());
        assertEquals(List.of("chat-gopher"), claims.getAudience());
    }

    @Test
    void defaults_to_one_hour_and_no_rights_and_no_name() throws Exception {
        Outcome outcome = run(Map.of("CHAT_AUTH_HMAC_SECRET", SECRET), "--sub", "carol");

        JWTClaimsSet claims = SignedJWT.parse(outcome.out().strip()).getJWTClaimsSet();
        assertEquals(Date.from(NOW.plusSeconds(3600)), claims.getExpirationTime());
        assertEquals(List.of(), claims.getStringListClaim("chat.read"));
        assertEquals(List.of(), claims.getStringListClaim("chat.write"));
        assertNull(claims.getClaim("name"));
    }

    @Test
    void reads_the_time_to_live_in_the_configuration_s_duration_syntax() throws Exception {
        Outcome outcome = run(Map.of("CHAT_AUTH_HMAC_SECRET", SECRET), "--sub", "dave", "--ttl", "90 minutes");

        assertEquals(0, outcome.status(), outcome.err());
        assertEquals(
                Date.from(NOW.plusSeconds(5400)),
                SignedJWT.parse(outcome.out().strip()).getJWTClaimsSet().getExpirationTime());
    }

    @Test
    void the_secret_may_come_from_a_dot_env_file_as_for_the_server() throws Exception {
        Files.writeString(workingDirectory.resolve(".env"), "CHAT_AUTH_HMAC_SECRET=\"" + SECRET + "\"\n");

        Outcome outcome = run(Map.of(), "--sub", "erin");

        assertEquals(0, outcome.status(), outcome.err());
        assertTrue(SignedJWT.parse(outcome.out().strip())
                .verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void the_server_reading_the_same_configuration_accepts_the_token_even_with_spaces_around_the_secret()
            throws Exception {
        Map<String, String> environment = Map.of(
                "CHAT_AUTH_MODE", "token", "CHAT_AUTH_HMAC_SECRET", "  " + SECRET + " ", "CHAT_AUTH_ISSUER", " dev ");

        // Minted at the fixed NOW, checked on the system clock: a lifetime that outlasts the test run.
        Outcome outcome = run(environment, "--sub", "frank", "--read", "general", "--ttl", "3650d");

        assertEquals(0, outcome.status(), outcome.err());
        AuthSettings server = AppSettings.auth(configuration(environment).getConfig("chat"));
        try (TokenVerifier verifier = TokenVerifier.of(server)) {
            Caller caller = verifier.verify(outcome.out().strip());
            assertEquals("frank", caller.subject());
            assertTrue(caller.read().allows(RoomId.GENERAL));
        }
    }

    @Test
    void help_prints_the_usage_and_exits_0() {
        Outcome outcome = run(Map.of(), "--help");

        assertEquals(0, outcome.status());
        for (String option : List.of("--sub", "--name", "--read", "--write", "--ttl")) {
            assertTrue(outcome.out().contains(option), outcome.out());
        }
    }

    @Test
    void an_unknown_option_is_bad_usage() {
        assertUsageError(
                run(Map.of("CHAT_AUTH_HMAC_SECRET", SECRET), "--sub", "alice", "--bogus"), "Unknown option: '--bogus'");
    }

    @Test
    void a_missing_subject_is_bad_usage() {
        assertUsageError(run(Map.of("CHAT_AUTH_HMAC_SECRET", SECRET), "--read", "*"), "Missing required option");
    }

    @Test
    void no_configured_secret_is_bad_usage_naming_the_variable() {
        assertUsageError(run(Map.of(), "--sub", "alice"), "set CHAT_AUTH_HMAC_SECRET");
    }

    @Test
    void a_secret_under_32_bytes_is_refused_without_repeating_it() {
        String shortSecret = "only-31-bytes-long-secret-value";
        assertEquals(31, shortSecret.length());

        Outcome outcome = run(Map.of("CHAT_AUTH_HMAC_SECRET", shortSecret), "--sub", "alice");

        assertUsageError(outcome, "at least 32 bytes of UTF-8, this one has 31");
        assertFalse(outcome.err().contains(shortSecret), outcome.err());
    }

    @Test
    void a_ttl_that_is_not_a_duration_is_bad_usage() {
        assertUsageError(
                run(Map.of("CHAT_AUTH_HMAC_SECRET", SECRET), "--sub", "alice", "--ttl", "soon"),
                "'soon' is not a duration");
    }

    @Test
    void a_ttl_without_a_unit_is_bad_usage_rather_than_milliseconds() {
        assertUsageError(
                run(Map.of("CHAT_AUTH_HMAC_SECRET", SECRET), "--sub", "alice", "--ttl", "3600"), "needs a unit");
    }

    @Test
    void a_ttl_under_one_second_is_bad_usage() {
        assertUsageError(
                run(Map.of("CHAT_AUTH_HMAC_SECRET", SECRET), "--sub", "alice", "--ttl", "0s"),
                "must live at least one second");
    }

    private static void assertUsageError(Outcome outcome, String expected) {
        assertEquals(TokenCommand.USAGE, outcome.status(), outcome.err());
        assertEquals("", outcome.out(), "nothing on stdout");
        assertEquals(1, outcome.err().lines().count(), "one line on stderr: " + outcome.err());
        assertTrue(outcome.err().startsWith("token: "), outcome.err());
        assertTrue(outcome.err().contains(expected), outcome.err());
    }

    private record Outcome(int status, String out, String err) {}

    private Outcome run(Map<String, String> environment, String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> variables = new HashMap<>(environment);
        int status = TokenCommand.run(
                arguments,
                () -> configuration(variables),
                Clock.fixed(NOW, ZoneOffset.UTC),
                new PrintWriter(out),
                new PrintWriter(err));
        return new Outcome(status, out.toString(), err.toString());
    }

    private Config configuration(Map<String, String> environment) {
        return ConfigLoader.load(workingDirectory, environment, new Properties());
    }
}
