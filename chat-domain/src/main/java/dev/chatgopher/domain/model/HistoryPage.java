package dev.chatgopher.domain.model;

/**
 * Which messages of a room to read by id, at most {@code limit} of them, always answered oldest first: the
 * newest, those just older than an id ("load older" in a chat window), or those just newer than one.
 */
public sealed interface HistoryPage {

    int MAX_LIMIT = 1_000;
    int DEFAULT_LIMIT = 50;

    int limit();

    record Newest(int limit) implements HistoryPage {
        public Newest {
            checkLimit(limit);
        }
    }

    record Before(long id, int limit) implements HistoryPage {
        public Before {
            checkId(id, "before");
            checkLimit(limit);
        }
    }

    record After(long id, int limit) implements HistoryPage {
        public After {
            checkId(id, "after");
            checkLimit(limit);
        }
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit must be a whole number from 1 to " + MAX_LIMIT + ", got " + limit);
        }
    }

    private static void checkId(long id, String name) {
        if (id < 0) {
            throw new InvalidInputException(name + " must be a message id: a whole number from 0, got " + id);
        }
    }
}
