package dev.chatgopher.transport.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS (and WSS) listener: its port and the key and certificate chain it presents, read once from a PKCS#12
 * keystore, so that an instance that exists can serve.
 *
 * @param port    the TLS port; 0 picks a free one
 * @param context the server's key and certificates
 */
public record TlsSettings(int port, SSLContext context) {

    /** The only protocol versions offered: TLS 1.0 and 1.1 are broken (RFC 8996). */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    public TlsSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("the TLS port must be 0 to 65535, got " + port);
        }
    }

    /**
     * Reads the keystore; a missing or unreadable file, a wrong password or a keystore without a key is refused in
     * one sentence that names the file. The password array is wiped afterwards.
     */
    public static TlsSettings fromPkcs12(Path keystore, char[] password, int port) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            boolean hasKey = false;
            for (String alias : Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new IllegalArgumentException("the TLS keystore " + keystore + " holds no private key");
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return new TlsSettings(port, context);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the TLS keystore " + keystore + " does not exist", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException
                    || e.getMessage() != null && e.getMessage().contains("password")) {
                throw new IllegalArgumentException(
                        "the TLS keystore " + keystore + " cannot be opened with the password given: is it wrong?", e);
            }
            throw new IllegalArgumentException(
                    "the TLS keystore " + keystore + " cannot be read as PKCS#12: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "the TLS keystore " + keystore + " cannot be used: " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
