package dev.chatgopher.domain.port.out;

/** Asks the store, quickly and on a connection of its own, whether it answers. */
@FunctionalInterface
public interface StoreProbe {

    /**
     * Returns when the store answered; throws when it could not be reached or did not answer within the probe's own
     * short timeouts.
     *
     * @throws dev.chatgopher.domain.model.StoreUnavailableException when the store does not answer
     */
    void check();
}
