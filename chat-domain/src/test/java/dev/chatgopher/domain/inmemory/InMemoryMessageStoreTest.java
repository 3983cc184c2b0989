package dev.chatgopher.domain.inmemory;

import dev.chatgopher.domain.port.out.MessageStore;
import dev.chatgopher.domain.port.out.MessageStoreContract;

class InMemoryMessageStoreTest extends MessageStoreContract {

    @Override
    protected MessageStore emptyStore() {
        return new InMemoryMessageStore();
    }
}
