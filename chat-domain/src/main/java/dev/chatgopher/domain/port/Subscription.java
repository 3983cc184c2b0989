package dev.chatgopher.domain.port;

/** A live registration with a feed; closing it stops delivery. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
