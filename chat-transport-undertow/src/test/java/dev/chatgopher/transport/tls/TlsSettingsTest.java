package dev.chatgopher.transport.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chatgopher.transport.testing.TestCertificates;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {

    private static final String PASSWORD = "keystore password for the test";

    @TempDir
    Path directory;

    @Test
    void a_wrong_password_or_a_missing_keystore_is_refused_in_one_sentence() {
        Path keystore = TestCertificates.forLocalhost().writePkcs12(directory.resolve("server.p12"), PASSWORD);
        Path missing = directory.resolve("missing.p12");

        IllegalArgumentException wrongPassword = assertThrows(
                IllegalArgumentException.class,
                () -> TlsSettings.fromPkcs12(keystore, "not the password".toCharArray(), 0));
        IllegalArgumentException notThere = assertThrows(
                IllegalArgumentException.class, () -> TlsSettings.fromPkcs12(missing, PASSWORD.toCharArray(), 0));

        assertEquals(
                "the TLS keystore " + keystore + " cannot be opened with the password given: is it wrong?",
                wrongPassword.getMessage());
        assertEquals("the TLS keystore " + missing + " does not exist", notThere.getMessage());
    }

    @Test
    void the_password_given_is_wiped_once_read() {
        Path keystore = TestCertificates.forLocalhost().writePkcs12(directory.resolve("server.p12"), PASSWORD);
        char[] password = PASSWORD.toCharArray();

        TlsSettings.fromPkcs12(keystore, password, 0);

        assertEquals(new String(new char[PASSWORD.length()]), new String(password));
    }
}
