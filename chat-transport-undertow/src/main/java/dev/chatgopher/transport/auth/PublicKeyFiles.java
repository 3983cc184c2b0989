package dev.chatgopher.transport.auth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.X509CertUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the public keys tokens are verified with from a file: PEM (public keys or certificates) or a JWKS document. */
public final class PublicKeyFiles {

    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private PublicKeyFiles() {}

    /** Every {@code PUBLIC KEY} and {@code CERTIFICATE} block of a PEM file: RSA, EC P-256 or Ed25519. */
    public static TokenKeys.PublicKeys pem(Path file) {
        String text = read(file, "chat.auth.public-key-file");
        List<JWK> keys = new ArrayList<>();
        Matcher block = PEM_BLOCK.matcher(text);
        while (block.find()) {
            switch (block.group(1)) {
                case "PUBLIC KEY" -> keys.add(publicKey(decode(block.group(2), file), file));
                case "CERTIFICATE" -> keys.add(certificate(block.group(0), file));
                default ->
                    throw new IllegalArgumentException("chat.auth.public-key-file " + file + " holds a "
                            + block.group(1) + "; give the PUBLIC KEY or CERTIFICATE, never a private key");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("chat.auth.public-key-file " + file
                    + " holds no PEM block (-----BEGIN PUBLIC KEY----- or -----BEGIN CERTIFICATE-----)");
        }
        return new TokenKeys.PublicKeys(new JWKSet(keys), file.toString(), true);
    }

    /** A JWKS document ({@code {"keys": [...]}}) with public keys only. */
    public static TokenKeys.PublicKeys jwks(Path file) {
        String text = read(file, "chat.auth.jwks");
        try {
            JWKSet keys = JWKSet.parse(text);
            for (JWK key : keys.getKeys()) {
                if (key.isPrivate()) {
                    throw new IllegalArgumentException("chat.auth.jwks " + file + " holds a private key ("
                            + key.getKeyID() + "); publish the public keys only");
                }
            }
            return new TokenKeys.PublicKeys(keys, file.toString(), false);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(
                    "chat.auth.jwks " + file + " is not a JWKS document: " + e.getMessage(), e);
        }
    }

    private static String read(Path file, String setting) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(setting + " " + file + " cannot be read: " + e, e);
        }
    }

    private static byte[] decode(String base64, Path file) {
        try {
            return Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("chat.auth.public-key-file " + file + " has a damaged PEM block", e);
        }
    }

    private static JWK publicKey(byte[] encoded, Path file) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            PublicKey key;
            try {
                key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(encoded));
            } catch (GeneralSecurityException notThisKind) {
                continue;
            }
            return jwk(key, file);
        }
        throw new IllegalArgumentException(
                "chat.auth.public-key-file " + file + " holds a public key that is neither RSA, EC nor Ed25519");
    }

    private static JWK certificate(String pem, Path file) {
        X509Certificate certificate = X509CertUtils.parse(pem);
        if (certificate == null) {
            throw new IllegalArgumentException("chat.auth.public-key-file " + file + " has a damaged certificate");
        }
        return jwk(certificate.getPublicKey(), file);
    }

    private static JWK jwk(PublicKey key, Path file) {
        return switch (key) {
            case RSAPublicKey rsa -> new RSAKey.Builder(rsa).build();
            case ECPublicKey ec -> {
                Curve curve = Curve.forECParameterSpec(ec.getParams());
                if (curve == null) {
                    throw new IllegalArgumentException(
                            "chat.auth.public-key-file " + file + " holds an EC key on a curve JWT does not name");
                }
                yield new ECKey.Builder(curve, ec).build();
            }
            case EdECPublicKey ed -> Ed25519Keys.jwk(ed);
            default ->
                throw new IllegalArgumentException("chat.auth.public-key-file " + file + " holds a "
                        + key.getAlgorithm() + " key; use RSA, EC or Ed25519");
        };
    }
}
