package dev.chatgopher.persistence.jooq.feed;

import java.lang.System.Logger.Level;

/**
 * One WARN when something is lost and one INFO when it is back, however many attempts fail in between: a retry
 * every few seconds must not fill the log during an outage. Used by one thread.
 */
final class OutageLog {

    private static final System.Logger LOG = System.getLogger(PostgresMessageFeed.class.getName());

    private final String what;
    private boolean down;

    OutageLog(String what) {
        this.what = what;
    }

    void failed(Throwable failure) {
        if (!down) {
            down = true;
            LOG.log(Level.WARNING, what + " failed, retrying until it is back: " + failure);
        }
    }

    void recovered() {
        if (down) {
            down = false;
            LOG.log(Level.INFO, what + " is back");
        }
    }
}
