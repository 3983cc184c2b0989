package dev.chatgopher.bench;

import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The rooms a scenario spreads its messages over: {@code room-0001} to {@code room-N}, or, for one room, the
 * server's default room through the original endpoints ({@code POST /api/messages}, {@code /ws}), so that
 * {@code --rooms 1} measures exactly what the scenario measured before rooms existed.
 */
final class Rooms {

    private static final String ROOM_KEY = "\"room\":\"";

    private final String prefix;
    private final int count;
    private final int width;

    /** {@code room-0001} up. */
    Rooms(int count) {
        this("room-", count);
    }

    /** {@code <prefix>0001} up. */
    Rooms(String prefix, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("--rooms must be at least 1, got " + count);
        }
        this.prefix = prefix;
        this.count = count;
        this.width = Math.max(4, Integer.toString(count).length());
    }

    int count() {
        return count;
    }

    /** Digits of a room's number, zero-padded: at least 4. */
    int width() {
        return width;
    }

    /** The index of a room picked at random. */
    int random() {
        return count == 1 ? 0 : ThreadLocalRandom.current().nextInt(count);
    }

    /** True for one room: the default room, through the original endpoints. */
    boolean isDefaultRoom() {
        return count == 1;
    }

    /** The name of the {@code index}-th room, 0-based: {@code <prefix>0001} for 0. */
    String name(int index) {
        return prefix + "0".repeat(width - Integer.toString(index + 1).length()) + (index + 1);
    }

    /** Where to POST a message to the {@code index}-th room. */
    String postPath(int index) {
        return isDefaultRoom() ? "/api/messages" : "/api/rooms/" + name(index) + "/messages";
    }

    /**
     * The {@code perSubscriber} rooms of the {@code subscriber}-th subscriber: consecutive slots of one cycle
     * over all rooms, so that M subscribers cover every room M*K/N times, give or take one.
     */
    int[] followedBy(int subscriber, int perSubscriber) {
        if (perSubscriber < 1 || perSubscriber > count) {
            throw new IllegalArgumentException(
                    "--rooms-per-subscriber must be between 1 and --rooms (" + count + "), got " + perSubscriber);
        }
        int[] rooms = new int[perSubscriber];
        for (int j = 0; j < perSubscriber; j++) {
            rooms[j] = (int) (((long) subscriber * perSubscriber + j) % count);
        }
        return rooms;
    }

    /** The WebSocket path and query that follows {@code rooms}. */
    String webSocketPath(int[] rooms) {
        if (isDefaultRoom()) {
            return "/ws";
        }
        StringJoiner names = new StringJoiner(",", "/ws?rooms=", "");
        for (int room : rooms) {
            names.add(name(room));
        }
        return names.toString();
    }

    /**
     * The index of the room a message frame names, without a full parse; -1 when it names none of these rooms
     * (or no room at all). For one room every frame is taken to be of the default room: {@code /ws} follows
     * nothing else.
     */
    int indexOf(String frame) {
        if (isDefaultRoom()) {
            return 0;
        }
        int at = frame.indexOf(ROOM_KEY);
        if (at < 0) {
            return -1;
        }
        int start = at + ROOM_KEY.length();
        if (!frame.startsWith(prefix, start)) {
            return -1;
        }
        int digits = start + prefix.length();
        int end = frame.indexOf('"', digits);
        if (end - digits != width) {
            return -1;
        }
        int number = 0;
        for (int i = digits; i < end; i++) {
            char c = frame.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number >= 1 && number <= count ? number - 1 : -1;
    }
}
