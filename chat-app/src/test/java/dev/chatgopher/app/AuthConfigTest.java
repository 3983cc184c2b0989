package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.transport.auth.AuthSettings;
import dev.chatgopher.transport.auth.TokenKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chat.auth}: tokens off by default, each kind of key, and one clear sentence for each bad combination. */
class AuthConfigTest {

    private static final String SECRET = "a-secret-that-is-long-enough-for-hs256";

    @TempDir
    Path workingDirectory;

    @Test
    void tokens_are_off_by_default() {
        assertEquals(AuthSettings.OFF, load(Map.of()).server().auth());
    }

    @Test
    void mode_token_with_a_secret_checks_issuer_and_audience_when_given_and_never_shows_the_secret() {
        AppSettings settings = load(Map.of(
                "CHAT_AUTH_MODE", "token",
                "CHAT_AUTH_HMAC_SECRET", SECRET,
                "CHAT_AUTH_ISSUER", "https://id.example",
                "CHAT_AUTH_AUDIENCE", "chat"));

        AuthSettings auth = settings.server().auth();
        TokenKeys.HmacSecret key = assertInstanceOf(TokenKeys.HmacSecret.class, auth.keys());
        assertArrayEquals(SECRET.getBytes(StandardCharsets.UTF_8), key.key(), "the key is the secret's UTF-8 bytes");
        assertEquals("https://id.example", auth.issuer());
        assertEquals("chat", auth.audience());
        assertFalse(settings.toString().contains(SECRET), settings.toString());
    }

    @Test
    void an_unset_issuer_and_audience_are_not_checked() {
        AuthSettings auth = load(Map.of("CHAT_AUTH_MODE", "token", "CHAT_AUTH_HMAC_SECRET", SECRET))
                .server()
                .auth();

        assertNull(auth.issuer());
        assertNull(auth.audience());
    }

    @Test
    void a_jwks_url_is_kept_with_its_refresh_time_and_not_fetched_at_start() {
        AuthSettings auth = load(Map.of(
                        "CHAT_AUTH_MODE", "token",
                        "CHAT_AUTH_JWKS", "https://id.example/.well-known/jwks.json",
                        "CHAT_AUTH_JWKS_REFRESH", "10m"))
                .server()
                .auth();

        assertEquals(
                new TokenKeys.JwksUrl(URI.create("https://id.example/.well-known/jwks.json"), Duration.ofMinutes(10)),
                auth.keys());
    }

    @Test
    void a_jwks_file_is_read_at_start() throws Exception {
        Path jwks = workingDirectory.resolve("jwks.json");
        // The EC public key of RFC 7517, appendix A.1.
        Files.writeString(
                jwks,
                "{\"keys\": [{\"kty\": \"EC\", \"crv\": \"P-256\", \"kid\": \"1\","
                        + " \"x\": \"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4\","
                        + " \"y\": \"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM\"}]}");

        AuthSettings auth = load(Map.of("CHAT_AUTH_MODE", "token", "CHAT_AUTH_JWKS", jwks.toString()))
                .server()
                .auth();

        assertEquals(jwks.toString(), ((TokenKeys.PublicKeys) auth.keys()).source());
    }

    @Test
    void mode_token_without_any_key_is_refused_in_one_sentence() {
        assertRefused(Map.of("CHAT_AUTH_MODE", "token"), "no key is configured");
    }

    @Test
    void a_secret_under_32_bytes_is_refused_in_one_sentence() {
        assertRefused(
                Map.of("CHAT_AUTH_MODE", "token", "CHAT_AUTH_HMAC_SECRET", "too-short"),
                "chat.auth.hmac-secret must be at least 32 bytes (UTF-8), got 9");
    }

    @Test
    void an_unreadable_key_file_is_refused_in_one_sentence() {
        assertRefused(
                Map.of("CHAT_AUTH_MODE", "token", "CHAT_AUTH_PUBLIC_KEY_FILE", "/no/such/key.pem"),
                "chat.auth.public-key-file /no/such/key.pem is not a readable file");
        assertRefused(
                Map.of("CHAT_AUTH_MODE", "token", "CHAT_AUTH_JWKS", "/no/such/jwks.json"),
                "chat.auth.jwks /no/such/jwks.json is not a readable file");
    }

    @Test
    void a_key_file_that_holds_no_public_key_is_refused_in_one_sentence() throws Exception {
        Path notPem = workingDirectory.resolve("key.pem");
        Files.writeString(notPem, "hello");

        assertRefused(
                Map.of("CHAT_AUTH_MODE", "token", "CHAT_AUTH_PUBLIC_KEY_FILE", notPem.toString()), "no PEM block");
    }

    @Test
    void two_kinds_of_key_or_an_unknown_mode_are_refused() {
        Map<String, String> both = new HashMap<>();
        both.put("CHAT_AUTH_MODE", "token");
        both.put("CHAT_AUTH_HMAC_SECRET", SECRET);
        both.put("CHAT_AUTH_JWKS", "https://id.example/jwks.json");
        assertRefused(both, "set only one kind of token key");
        assertRefused(
                Map.of("CHAT_AUTH_MODE", "jwt"), "chat.auth.mode (CHAT_AUTH_MODE) must be off or token, got 'jwt'");
    }

    private void assertRefused(Map<String, String> environment, String words) {
        StartupException refused = assertThrows(StartupException.class, () -> load(environment));
        assertTrue(refused.getMessage().startsWith("Invalid configuration: "), refused.getMessage());
        assertTrue(refused.getMessage().contains(words), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), "one sentence, one line: " + refused.getMessage());
    }

    private AppSettings load(Map<String, String> environment) {
        return AppSettings.from(ConfigLoader.load(workingDirectory, environment, new Properties()));
    }
}
