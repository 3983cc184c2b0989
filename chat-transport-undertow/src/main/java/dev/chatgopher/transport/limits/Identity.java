package dev.chatgopher.transport.limits;

import java.util.Objects;

/**
 * Whom a request counts against for the limits: a token's subject, or without a token the client's address. The two
 * kinds are told apart by their type, so that a subject spelled like an address never shares that address's budget;
 * a subject is the token's own string, nothing built per request or kept twice per socket.
 */
public sealed interface Identity {

    /** An authenticated caller, by its token's {@code sub}. */
    record Subject(String name) implements Identity {
        public Subject {
            Objects.requireNonNull(name, "name");
        }

        /** As the log shows it: marked, so that a subject is never read as an address. */
        @Override
        public String toString() {
            return "sub:" + name;
        }
    }

    /** A caller without a token, by its address as text ({@code 192.0.2.1}). */
    record Address(String address) implements Identity {
        public Address {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String toString() {
            return address;
        }
    }
}
