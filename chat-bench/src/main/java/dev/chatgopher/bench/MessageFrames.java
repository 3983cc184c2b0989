package dev.chatgopher.bench;

/** Picks numbers out of message JSON without a full parse: the load generator must stay cheap per frame. */
final class MessageFrames {

    private MessageFrames() {}

    /** The integer that follows {@code key} (such as {@code "id":}), or -1 when the key is absent. */
    static long number(String json, String key) {
        int at = json.indexOf(key);
        if (at < 0) {
            return -1;
        }
        int i = at + key.length();
        boolean negative = i < json.length() && json.charAt(i) == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        boolean digits = false;
        for (; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            digits = true;
        }
        if (!digits) {
            return -1;
        }
        return negative ? -value : value;
    }
}
