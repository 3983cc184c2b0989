package dev.chatgopher.transport.ws;

/** The close codes this server sends, and why. */
final class CloseReasons {

    /** 1001: the server is shutting down; reconnect (with {@code after}) to another node or later. */
    static final int GOING_AWAY = 1001;
    /** 1003: binary frames are not part of the protocol. */
    static final int UNSUPPORTED_DATA = 1003;
    /** 1008: the client fell further behind than its outbound queue allows; reconnect with {@code after}. */
    static final int POLICY_VIOLATION = 1008;
    /** 1009: a frame larger than the configured limit. */
    static final int MESSAGE_TOO_BIG = 1009;
    /** 1011: the server failed while serving this session. */
    static final int INTERNAL_ERROR = 1011;

    private CloseReasons() {
    }
}
