package dev.chatgopher.transport.auth;

/** A request's token is missing or not acceptable: answered 401 with {@code WWW-Authenticate: Bearer error="invalid_token"}. */
public final class TokenRejectedException extends RuntimeException {

    /** Why, in words a client can act on; each is one of the cases the 401 answer names. */
    public enum Reason {
        MISSING("no token: send it as Authorization: Bearer <token>"),
        MALFORMED("the token is malformed: it is not a signed JWT"),
        EXPIRED("the token has expired"),
        NOT_YET_VALID("the token is not valid yet (its nbf is in the future)"),
        BAD_SIGNATURE("the token is wrongly signed: its signature does not match a key of this server"),
        WRONG_ISSUER("the token is from the wrong issuer (iss)"),
        WRONG_AUDIENCE("the token is for the wrong audience (aud)"),
        INVALID_CLAIMS("the token's claims are invalid");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Reason reason;

    public TokenRejectedException(Reason reason) {
        this(reason, reason.description());
    }

    /** With a message more precise than the reason's own words (which claim, what is wrong with it). */
    public TokenRejectedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
