package dev.chatgopher.transport.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.chatgopher.domain.model.Author;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.transport.auth.TokenRejectedException.Reason;
import dev.chatgopher.transport.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens minted here with Nimbus, checked by the server's verifier: every case a 401 names, and every kind of key. */
class TokenVerifierTest {

    private static final TokenVerifier HS256 =
            TokenVerifier.of(AuthSettings.tokens(TokenKeys.HmacSecret.of(Tokens.SECRET)));

    @TempDir
    Path folder;

    @Test
    void a_valid_token_becomes_a_caller_with_its_subject_name_rights_and_expiry() {
        Caller caller = HS256.verify(Tokens.hs256("alice")
                .name("Alice A.")
                .read("general", "team-*")
                .write("team-1")
                .sign());

        assertEquals("alice", caller.subject());
        assertEquals(new Author("Alice A."), caller.author());
        assertTrue(caller.authenticated());
        assertTrue(caller.read().allows(RoomId.of("team-7")));
        assertFalse(caller.read().allows(RoomId.of("random")));
        assertTrue(caller.write().allows(RoomId.of("team-1")));
        assertFalse(caller.write().allows(RoomId.of("general")));
        assertTrue(caller.expiresAt().isAfter(java.time.Instant.now()));
    }

    @Test
    void without_a_name_the_subject_is_the_author_and_without_rights_claims_no_room_is_allowed() {
        Caller caller = HS256.verify(Tokens.hs256("bob").sign());

        assertEquals(new Author("bob"), caller.author());
        assertFalse(caller.read().allows(RoomId.GENERAL));
        assertFalse(caller.write().allows(RoomId.GENERAL));
        NewMessage claimed = new NewMessage(RoomId.GENERAL, new Author("mallory"), 1, "hi");
        assertEquals(new Author("bob"), caller.attributed(claimed).author());
    }

    @Test
    void a_token_is_verified_once_and_then_remembered_unless_it_is_used_once() {
        String posted = Tokens.hs256("remembered-poster").write("*").sign();
        String upgrade = Tokens.hs256("once-upgrader").read("*").sign();

        // Remembered: the second request gets the very caller of the first, not a second verification's.
        assertSame(HS256.verify(posted), HS256.verify(posted));
        // A WebSocket upgrade's token takes no place: the next use verifies it afresh.
        Caller once = HS256.verify(upgrade, false);
        assertNotSame(once, HS256.verify(upgrade));
        assertEquals(once, HS256.verify(upgrade));
    }

    @Test
    void an_expired_token_is_refused_as_expired() {
        assertRejected(
                Reason.EXPIRED,
                HS256,
                Tokens.hs256("alice").expiresIn(Duration.ofMinutes(-2)).sign());
    }

    @Test
    void a_token_expired_by_less_than_the_clock_skew_is_still_accepted() {
        HS256.verify(Tokens.hs256("alice").expiresIn(Duration.ofSeconds(-5)).sign());
    }

    @Test
    void a_token_not_valid_yet_is_refused_as_such() {
        assertRejected(
                Reason.NOT_YET_VALID,
                HS256,
                Tokens.hs256("alice").notBeforeIn(Duration.ofMinutes(5)).sign());
    }

    @Test
    void a_token_signed_with_another_secret_is_refused_as_wrongly_signed() {
        assertRejected(
                Reason.BAD_SIGNATURE,
                HS256,
                Tokens.hs256("another-secret-of-at-least-thirty-two-bytes!", "alice")
                        .sign());
    }

    @Test
    void with_a_secret_only_hs256_is_accepted_even_when_the_token_is_signed_with_that_secret() throws Exception {
        byte[] secret = Tokens.SECRET.getBytes(StandardCharsets.UTF_8);
        byte[] longer = Arrays.copyOf(secret, 64); // HS512 wants a 64-byte key; the first bytes are the secret's
        assertRejected(
                Reason.BAD_SIGNATURE,
                HS256,
                Tokens.signedWith(JWSAlgorithm.HS384, new MACSigner(Arrays.copyOf(secret, 48)), null, "alice")
                        .sign());
        assertRejected(
                Reason.BAD_SIGNATURE,
                HS256,
                Tokens.signedWith(JWSAlgorithm.HS512, new MACSigner(longer), null, "alice")
                        .sign());
    }

    @Test
    void a_token_with_a_changed_claim_is_refused_as_wrongly_signed() {
        String[] parts = Tokens.hs256("alice").read("general").sign().split("\\.");
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"sub\":\"alice\",\"exp\":9999999999,\"chat.read\":[\"*\"]}"
                        .getBytes(StandardCharsets.UTF_8));
        assertRejected(Reason.BAD_SIGNATURE, HS256, parts[0] + "." + forged + "." + parts[2]);
    }

    @Test
    void an_unsigned_token_is_refused() {
        String plain = new PlainJWT(new JWTClaimsSet.Builder()
                        .subject("alice")
                        .expirationTime(new Date(System.currentTimeMillis() + 60_000))
                        .build())
                .serialize();
        assertRejected(Reason.BAD_SIGNATURE, HS256, plain);
    }

    @Test
    void text_that_is_no_jwt_is_refused_as_malformed() {
        assertRejected(Reason.MALFORMED, HS256, "not-a-token");
        assertRejected(Reason.MALFORMED, HS256, "a.b.c");
    }

    @Test
    void no_token_is_refused_as_missing() {
        assertRejected(Reason.MISSING, HS256, null);
    }

    @Test
    void sub_and_exp_are_required() {
        assertRejected(Reason.INVALID_CLAIMS, HS256, Tokens.hs256(null).sign());
        assertRejected(
                Reason.INVALID_CLAIMS,
                HS256,
                Tokens.hs256("alice").withoutExpiry().sign());
    }

    @Test
    void rights_that_are_not_lists_of_room_patterns_are_refused() {
        assertRejected(
                Reason.INVALID_CLAIMS,
                HS256,
                Tokens.hs256("alice").claim("chat.read", "general").sign());
        assertRejected(
                Reason.INVALID_CLAIMS,
                HS256,
                Tokens.hs256("alice").read("Not A Room").sign());
        assertRejected(
                Reason.INVALID_CLAIMS,
                HS256,
                Tokens.hs256("alice").write("-bad*").sign());
        // JSON null in the list: no pattern, refused like any other, not a server error.
        assertRejected(
                Reason.INVALID_CLAIMS,
                HS256,
                Tokens.hs256("alice")
                        .claim("chat.read", Arrays.asList((String) null))
                        .sign());
    }

    @Test
    void a_name_that_cannot_be_an_author_is_refused() {
        assertRejected(
                Reason.INVALID_CLAIMS,
                HS256,
                Tokens.hs256("alice").name("x".repeat(65)).sign());
    }

    @Test
    void issuer_and_audience_are_checked_when_configured() {
        TokenVerifier strict = TokenVerifier.of(AuthSettings.tokens(TokenKeys.HmacSecret.of(Tokens.SECRET))
                .withIssuer("https://id.example")
                .withAudience("chat"));

        strict.verify(Tokens.hs256("alice")
                .issuer("https://id.example")
                .audience("chat")
                .sign());
        assertRejected(
                Reason.WRONG_ISSUER,
                strict,
                Tokens.hs256("alice")
                        .issuer("https://evil.example")
                        .audience("chat")
                        .sign());
        assertRejected(
                Reason.WRONG_ISSUER,
                strict,
                Tokens.hs256("alice").audience("chat").sign());
        assertRejected(
                Reason.WRONG_AUDIENCE,
                strict,
                Tokens.hs256("alice")
                        .issuer("https://id.example")
                        .audience("billing")
                        .sign());
        assertRejected(
                Reason.WRONG_AUDIENCE,
                strict,
                Tokens.hs256("alice").issuer("https://id.example").sign());
    }

    @Test
    void a_secret_shorter_than_32_bytes_is_refused() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> TokenKeys.HmacSecret.of("short-secret"));
        assertTrue(refused.getMessage().contains("at least 32 bytes"), refused.getMessage());
    }

    @Test
    void rs256_tokens_are_verified_with_the_public_key_of_a_pem_file() throws Exception {
        KeyPair rsa = rsaKeyPair();
        Path pem = folder.resolve("public.pem");
        Files.writeString(pem, pem("PUBLIC KEY", rsa.getPublic().getEncoded()));
        TokenVerifier verifier = TokenVerifier.of(AuthSettings.tokens(PublicKeyFiles.pem(pem)));

        // Identity providers name their key in the token (kid); a PEM key has no id, so the id does not matter.
        Caller caller = verifier.verify(
                Tokens.signedWith(JWSAlgorithm.RS256, new RSASSASigner(rsa.getPrivate()), "idp-key-7", "carol")
                        .sign());

        assertEquals("carol", caller.subject());
        assertRejected(
                Reason.BAD_SIGNATURE,
                verifier,
                Tokens.signedWith(
                                JWSAlgorithm.RS256,
                                new RSASSASigner(rsaKeyPair().getPrivate()),
                                null,
                                "carol")
                        .sign());
    }

    @Test
    void an_hs256_token_signed_with_the_public_key_is_refused_when_the_keys_are_public() throws Exception {
        KeyPair rsa = rsaKeyPair();
        Path pem = folder.resolve("public.pem");
        Files.writeString(pem, pem("PUBLIC KEY", rsa.getPublic().getEncoded()));
        TokenVerifier verifier = TokenVerifier.of(AuthSettings.tokens(PublicKeyFiles.pem(pem)));
        // The classic key confusion: the public key, known to anyone, used as an HMAC secret.
        byte[] publicKeyBytes = ((RSAPublicKey) rsa.getPublic()).getEncoded();

        assertRejected(
                Reason.BAD_SIGNATURE,
                verifier,
                Tokens.signedWith(JWSAlgorithm.HS256, new MACSigner(publicKeyBytes), null, "mallory")
                        .sign());
    }

    @Test
    void es256_tokens_are_verified_with_a_jwks_file_by_key_id() throws Exception {
        ECKey signing = new ECKeyGenerator(Curve.P_256).keyID("key-1").generate();
        ECKey other = new ECKeyGenerator(Curve.P_256).keyID("key-2").generate();
        Path jwks = folder.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(List.of(signing.toPublicJWK(), other.toPublicJWK())).toString());
        TokenVerifier verifier = TokenVerifier.of(AuthSettings.tokens(PublicKeyFiles.jwks(jwks)));

        assertEquals(
                "dave",
                verifier.verify(Tokens.signedWith(JWSAlgorithm.ES256, new ECDSASigner(signing), "key-1", "dave")
                                .sign())
                        .subject());
        assertRejected(
                Reason.BAD_SIGNATURE,
                verifier,
                Tokens.signedWith(JWSAlgorithm.ES256, new ECDSASigner(signing), "key-2", "dave")
                        .sign());
    }

    @Test
    void es256_tokens_are_verified_with_a_pem_public_key() throws Exception {
        ECKey signing = new ECKeyGenerator(Curve.P_256).generate();
        Path pem = folder.resolve("ec.pem");
        Files.writeString(pem, pem("PUBLIC KEY", signing.toECPublicKey().getEncoded()));
        TokenVerifier verifier = TokenVerifier.of(AuthSettings.tokens(PublicKeyFiles.pem(pem)));

        assertEquals(
                "erin",
                verifier.verify(Tokens.signedWith(JWSAlgorithm.ES256, new ECDSASigner(signing), null, "erin")
                                .sign())
                        .subject());
    }

    @Test
    void eddsa_tokens_are_verified_with_an_ed25519_key_from_a_jwks_file_or_a_pem_file() throws Exception {
        OctetKeyPair signing =
                new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed-1").generate();
        Path jwks = folder.resolve("ed.json");
        Files.writeString(jwks, new JWKSet(signing.toPublicJWK()).toString());
        Path pem = folder.resolve("ed.pem");
        Files.writeString(pem, pem("PUBLIC KEY", ed25519SubjectPublicKeyInfo(signing.getDecodedX())));
        String token = Tokens.signedWith(JWSAlgorithm.EdDSA, new Ed25519Signer(signing), "ed-1", "frank")
                .sign();

        assertEquals(
                "frank",
                TokenVerifier.of(AuthSettings.tokens(PublicKeyFiles.jwks(jwks)))
                        .verify(token)
                        .subject());
        assertEquals(
                "frank",
                TokenVerifier.of(AuthSettings.tokens(PublicKeyFiles.pem(pem)))
                        .verify(token)
                        .subject());
        OctetKeyPair other =
                new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed-1").generate();
        assertRejected(
                Reason.BAD_SIGNATURE,
                TokenVerifier.of(AuthSettings.tokens(PublicKeyFiles.jwks(jwks))),
                Tokens.signedWith(JWSAlgorithm.EdDSA, new Ed25519Signer(other), "ed-1", "frank")
                        .sign());
    }

    @Test
    void a_jwks_file_with_a_private_key_and_a_pem_file_with_a_private_key_are_refused() throws Exception {
        Path jwks = folder.resolve("private.json");
        Files.writeString(jwks, new JWKSet(new ECKeyGenerator(Curve.P_256).generate()).toString(false));
        assertThrows(IllegalArgumentException.class, () -> PublicKeyFiles.jwks(jwks));

        Path pem = folder.resolve("private.pem");
        Files.writeString(pem, pem("PRIVATE KEY", rsaKeyPair().getPrivate().getEncoded()));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> PublicKeyFiles.pem(pem));
        assertTrue(refused.getMessage().contains("never a private key"), refused.getMessage());
    }

    static void assertRejected(Reason expected, TokenVerifier verifier, String token) {
        TokenRejectedException rejected = assertThrows(TokenRejectedException.class, () -> verifier.verify(token));
        assertEquals(expected, rejected.reason(), rejected.getMessage());
    }

    /** The X.509 encoding of an Ed25519 public key (RFC 8410): a fixed 12-byte prefix, then the 32 key bytes. */
    static byte[] ed25519SubjectPublicKeyInfo(byte[] x) {
        byte[] prefix = java.util.HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] encoded = java.util.Arrays.copyOf(prefix, prefix.length + x.length);
        System.arraycopy(x, 0, encoded, prefix.length, x.length);
        return encoded;
    }

    static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
