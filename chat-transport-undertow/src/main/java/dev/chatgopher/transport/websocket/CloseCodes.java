package dev.chatgopher.transport.websocket;

/** The close codes of RFC 6455 section 7.4.1 that this server sends, and what the chat sends each for. */
public final class CloseCodes {

    /** 1000: normal closure; the answer to a client's close frame that carried no code. */
    public static final int NORMAL = 1000;
    /** 1001: going away: the server is shutting down, or the client stopped answering pings. */
    public static final int GOING_AWAY = 1001;
    /** 1002: protocol error: the client broke the framing rules (unmasked frame, bad fragments, bad close code...). */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: unsupported data: the chat takes no binary messages. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** 1007: invalid payload: text (or a close reason) that is not valid UTF-8. */
    public static final int INVALID_PAYLOAD = 1007;
    /**
     * 1008: policy violation: the client fell further behind than its outbound queue allows (reconnect with
     * {@code after}), kept sending messages after being told to wait, or its token expired.
     */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009: message too big: larger than the configured limit. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1011: internal error: the server failed while serving this session (reading history for a resume). */
    public static final int INTERNAL_ERROR = 1011;
    /** 1013: try again later: the database is unavailable, so a catch-up cannot start. */
    public static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {}

    /**
     * Whether a peer may put this code in its close frame (RFC 6455 section 7.4): the registered codes except those
     * that only stand for "no close frame" (1005, 1006, 1015), and the ranges for libraries (3000-3999) and
     * applications (4000-4999). Anything else is answered with 1002.
     */
    static boolean mayBeReceived(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
