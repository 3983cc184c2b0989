package dev.chatgopher.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** One HS256 token per client, for a server with tokens on: each client is its own identity, as real ones are. */
final class SenderTokens {

    private final MACSigner signer;

    SenderTokens(String secret) {
        try {
            this.signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("--token-secret: " + e.getMessage(), e);
        }
    }

    /** The {@code Authorization} value of client {@code index}. */
    String authorization(int index) {
        return "Bearer " + token(index);
    }

    /** The token of client {@code index}: subject {@code sender-<index>}, every room, valid for a day. */
    String token(int index) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("sender-" + index)
                .expirationTime(Date.from(Instant.now().plus(Duration.ofDays(1))))
                .claim("chat.read", List.of("*"))
                .claim("chat.write", List.of("*"))
                .build();
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            token.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return token.serialize();
    }
}
