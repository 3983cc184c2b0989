package dev.chatgopher.transport.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * EdDSA (Ed25519) for Nimbus's JWT processor. The processor hands its verifier factory JDK keys, and Nimbus has
 * no JDK-key path for Ed25519 (its {@link Ed25519Verifier}, backed by Tink, takes an {@link OctetKeyPair}); so
 * the key selector turns an OKP key into the JDK's Ed25519 key and the factory turns it back. No signature code
 * of ours: only the fixed X.509 wrapping of the 32 key bytes (RFC 8410).
 */
final class Ed25519Keys {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    /** The DER header of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private static final int KEY_BYTES = 32;

    private Ed25519Keys() {}

    /** The JWK of a JDK Ed25519 public key. */
    static OctetKeyPair jwk(EdECPublicKey key) {
        byte[] encoded = key.getEncoded();
        byte[] x = Arrays.copyOfRange(encoded, encoded.length - KEY_BYTES, encoded.length);
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).build();
    }

    /** The JDK key of an Ed25519 JWK, or null for another curve (X25519 keys encrypt, they never sign). */
    static PublicKey javaKey(OctetKeyPair jwk) {
        if (!Curve.Ed25519.equals(jwk.getCurve())) {
            return null;
        }
        byte[] x = jwk.getDecodedX();
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + x.length);
        System.arraycopy(x, 0, encoded, X509_PREFIX.length, x.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            return null; // not a usable key: it matches no token
        }
    }

    /** Selects keys as Nimbus does, and Ed25519 keys too, as JDK keys; by key id unless told to try every key. */
    static final class Selector extends JWSVerificationKeySelector<SecurityContext> {

        private final boolean anyKeyId;

        Selector(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> keys, boolean anyKeyId) {
            super(algorithms, keys);
            this.anyKeyId = anyKeyId;
        }

        @Override
        protected JWKMatcher createJWKMatcher(JWSHeader header) {
            return super.createJWKMatcher(
                    anyKeyId ? new JWSHeader.Builder(header).keyID(null).build() : header);
        }

        @Override
        public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
            if (!ALGORITHMS.contains(header.getAlgorithm())) {
                return super.selectJWSKeys(header, context);
            }
            JWKMatcher matcher = createJWKMatcher(header);
            if (matcher == null) {
                return List.of();
            }
            List<Key> selected = new ArrayList<>();
            for (JWK candidate : getJWKSource().get(new JWKSelector(matcher), context)) {
                if (candidate instanceof OctetKeyPair okp && javaKey(okp) instanceof PublicKey key) {
                    selected.add(key);
                }
            }
            return selected;
        }
    }

    /** Nimbus's verifiers, and its Ed25519 verifier for a JDK Ed25519 key. */
    static final class VerifierFactory extends DefaultJWSVerifierFactory {

        @Override
        public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
            if (key instanceof EdECPublicKey ed && ALGORITHMS.contains(header.getAlgorithm())) {
                return new Ed25519Verifier(jwk(ed));
            }
            return super.createJWSVerifier(header, key);
        }
    }
}
