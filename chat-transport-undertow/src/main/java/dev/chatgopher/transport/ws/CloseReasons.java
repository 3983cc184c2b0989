package dev.chatgopher.transport.ws;

/** The close codes this server sends (RFC 6455 section 7.4.1), and why. */
final class CloseReasons {

    /** 1000: the client closed; the server echoes its close. */
    static final int NORMAL = 1000;
    /** 1001: the server is shutting down, or the client stopped answering pings; reconnect with {@code after}. */
    static final int GOING_AWAY = 1001;
    /** 1002: the client broke the framing rules (unmasked frame, bad fragment order, oversized control frame...). */
    static final int PROTOCOL_ERROR = 1002;
    /** 1003: binary frames are not part of the protocol. */
    static final int UNSUPPORTED_DATA = 1003;
    /** 1007: a text message that is not valid UTF-8. */
    static final int INVALID_PAYLOAD = 1007;
    /**
     * 1008: the client fell further behind than its outbound queue allows (reconnect with {@code after}), or kept
     * sending messages after being told to wait.
     */
    static final int POLICY_VIOLATION = 1008;
    /** 1009: a message larger than the configured limit. */
    static final int MESSAGE_TOO_BIG = 1009;
    /** 1013: try again later: the database is unavailable, so a catch-up cannot start; reconnect with {@code after}. */
    static final int TRY_AGAIN_LATER = 1013;
    /** 1011: the server failed while serving this session (reading history for a resume). */
    static final int INTERNAL_ERROR = 1011;

    private CloseReasons() {}
}
