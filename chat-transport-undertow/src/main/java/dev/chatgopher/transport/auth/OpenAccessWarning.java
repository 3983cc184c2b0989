package dev.chatgopher.transport.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one line that tells an operator a server without tokens is reachable from other machines. */
public final class OpenAccessWarning {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAccessWarning.class);

    private OpenAccessWarning() {}

    /** Warns when tokens are off and the host is not a loopback interface ({@code 0.0.0.0}, a public address). */
    public static void logIfOpen(AuthSettings auth, String host) {
        if (!auth.tokensOn() && !loopback(host)) {
            LOG.warn(
                    "chat.auth.mode is off and the server listens on {}: anyone who can reach it may read and write"
                            + " every room (set CHAT_AUTH_MODE=token, see docs/security.md)",
                    host);
        }
    }

    private static boolean loopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false; // it will fail to bind anyway; better a warning too many than one too few
        }
    }
}
