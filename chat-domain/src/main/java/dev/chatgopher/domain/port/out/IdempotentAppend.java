package dev.chatgopher.domain.port.out;

import dev.chatgopher.domain.model.IdempotencyKey;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The idempotency rules of {@link MessageStore#append}, decided here once for every store: a submission whose key
 * the store already knows is answered with the message stored under it; a key repeated within the batch is
 * stored once, at its first submission, and the later ones are answered with that message; every other
 * submission is stored. A store runs {@link #append} inside its write transaction and only answers the three
 * questions of {@link Storage}.
 */
public final class IdempotentAppend {

    /** What a store does inside its write transaction. */
    public interface Storage {

        /** The messages first stored under those of the given keys that the store remembers. */
        Map<IdempotencyKey, Message> known(Set<IdempotencyKey> keys);

        /** Stores the messages, none of which shares a key with another: returns them, same order, ids increasing. */
        List<Message> insert(List<NewMessage> fresh);

        /** Remembers each key of this batch as naming the message now stored under it. */
        void remember(Map<IdempotencyKey, Message> newKeys);
    }

    private IdempotentAppend() {}

    /** Whether any submission carries a key: only then must the store look keys up, in a transaction. */
    public static boolean hasKeys(List<Submission> batch) {
        for (Submission submission : batch) {
            if (submission.idempotencyKey() != null) {
                return true;
            }
        }
        return false;
    }

    public static List<Appended> append(List<Submission> batch, Storage storage) {
        Set<IdempotencyKey> keys = new LinkedHashSet<>();
        for (Submission submission : batch) {
            if (submission.idempotencyKey() != null) {
                keys.add(submission.idempotencyKey());
            }
        }
        Map<IdempotencyKey, Message> known = keys.isEmpty() ? Map.of() : storage.known(keys);
        // Plan each submission: answered by a known key, by an earlier submission of this batch, or stored.
        List<NewMessage> fresh = new ArrayList<>(batch.size());
        Map<IdempotencyKey, Integer> freshIndexByKey = new HashMap<>();
        int[] origins = new int[batch.size()]; // index into fresh, or -1 for a known key
        for (int i = 0; i < batch.size(); i++) {
            IdempotencyKey key = batch.get(i).idempotencyKey();
            if (key != null && known.containsKey(key)) {
                origins[i] = -1;
            } else if (key != null && freshIndexByKey.containsKey(key)) {
                origins[i] = freshIndexByKey.get(key);
            } else {
                if (key != null) {
                    freshIndexByKey.put(key, fresh.size());
                }
                origins[i] = fresh.size();
                fresh.add(batch.get(i).message());
            }
        }
        List<Message> inserted = fresh.isEmpty() ? List.of() : storage.insert(fresh);
        if (inserted.size() != fresh.size()) {
            throw new IllegalStateException("the store inserted " + inserted.size() + " of " + fresh.size());
        }
        if (!freshIndexByKey.isEmpty()) {
            Map<IdempotencyKey, Message> newKeys = new HashMap<>();
            freshIndexByKey.forEach((key, index) -> newKeys.put(key, inserted.get(index)));
            storage.remember(newKeys);
        }
        List<Appended> results = new ArrayList<>(batch.size());
        boolean[] answered = new boolean[fresh.size()];
        for (int i = 0; i < batch.size(); i++) {
            int origin = origins[i];
            if (origin < 0) {
                results.add(new Appended(known.get(batch.get(i).idempotencyKey()), true));
            } else {
                results.add(new Appended(inserted.get(origin), answered[origin]));
                answered[origin] = true;
            }
        }
        return results;
    }
}
