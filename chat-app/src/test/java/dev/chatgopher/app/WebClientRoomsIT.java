package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatgopher.app.browser.ChatPage;
import dev.chatgopher.app.browser.ChatPage.Shown;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WindowType;

/**
 * Rooms and authors in the page, in a real headless Chromium against the assembled application on H2. One
 * application and one browser serve every test; each test uses rooms of its own (the names end in a number
 * no other test uses) and loads a fresh page.
 */
class WebClientRoomsIT extends BrowserAgainstEmbeddedApp {

    @Test
    void two_windows_in_different_rooms_do_not_see_each_other_and_a_third_following_both_sees_both_in_id_order() {
        String red = unique("red");
        String blue = unique("blue");
        String first = driver.getWindowHandle();
        List<String> opened = new ArrayList<>();
        try {
            ChatPage inRed = page.openRoom(red);
            opened.add(driver.switchTo().newWindow(WindowType.WINDOW).getWindowHandle());
            ChatPage inBlue = new ChatPage(driver, app.port()).openRoom(blue);
            String blueWindow = driver.getWindowHandle();
            opened.add(driver.switchTo().newWindow(WindowType.WINDOW).getWindowHandle());
            ChatPage following = new ChatPage(driver, app.port()).openRoom(red);
            String followingWindow = driver.getWindowHandle();

            Map<String, Long> ids = new HashMap<>();
            for (String[] turn :
                    new String[][] {{first, "a1"}, {blueWindow, "b1"}, {first, "a2"}, {blueWindow, "b2"}}) {
                driver.switchTo().window(turn[0]);
                ChatPage sender = turn[0].equals(first) ? inRed : inBlue;
                sender.send(turn[1]);
                ids.put(turn[1], sender.awaitMessage(turn[1]).id());
            }

            // One socket brings every frame in id order: once a2 shows, b1 (sent before it) would have shown too.
            driver.switchTo().window(first);
            assertEquals(List.of("a1", "a2"), texts(inRed.stream()));
            driver.switchTo().window(blueWindow);
            assertEquals(List.of("b1", "b2"), texts(inBlue.stream()));

            driver.switchTo().window(followingWindow);
            following.awaitMessage("a2");
            List<Shown> seenInRed = following.stream();
            following.awaitUnread(blue, 2);
            following.clickRoom(blue);
            following.awaitMessage("b2");
            List<Shown> seenInBlue = following.stream();
            assertEquals(List.of("a1", "a2"), texts(seenInRed));
            assertEquals(List.of("b1", "b2"), texts(seenInBlue));
            assertEquals(0, following.unread(blue), "opening a room clears its unread count");
            List<Shown> seen = Stream.concat(seenInRed.stream(), seenInBlue.stream())
                    .sorted(Comparator.comparingLong(Shown::id))
                    .toList();
            assertEquals(List.of("a1", "b1", "a2", "b2"), texts(seen), "one order over both rooms: the send order");
            assertEquals(List.of(ids.get("a1"), ids.get("b1"), ids.get("a2"), ids.get("b2")), idsOf(seen));

            // Sent while the follower looks at the other room: held for it, and shown in order on the way back.
            long a3 = postTo(red, 3, "a3", null).get("id").asLong();
            following.awaitUnread(red, 1);
            following.clickRoom(red);
            following.awaitMessage("a3");
            assertEquals(List.of("a1", "a2", "a3"), texts(following.stream()));
            assertEquals(List.of(ids.get("a1"), ids.get("a2"), a3), idsOf(following.stream()));
        } finally {
            for (String window : opened) {
                driver.switchTo().window(window).close();
            }
            driver.switchTo().window(first);
        }
    }

    @Test
    void scrolling_up_loads_older_pages_until_the_first_message_of_a_room_with_500() {
        String room = unique("long");
        List<Long> sent = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            sent.add(postTo(room, i, "message " + i, null).get("id").asLong());
        }

        page.openRoom(room);
        page.awaitMessage("message 500");
        assertEquals(
                IntStream.rangeClosed(451, 500).mapToObj(i -> "message " + i).toList(),
                texts(page.stream()),
                "the room opens with its newest 50");
        assertTrue(page.offersOlder(), "older messages are on offer");

        page.scrollUpUntil("message 1");
        page.scrollUpToTheStart();

        List<Shown> shown = page.stream();
        assertEquals(sent, idsOf(shown), "every message once, in id order");
        assertEquals(IntStream.rangeClosed(1, 500).mapToObj(i -> "message " + i).toList(), texts(shown));
    }

    @Test
    void a_room_not_open_counts_its_unread_messages_until_it_is_opened() {
        String here = unique("here");
        String other = unique("other");
        String fresh = unique("fresh");
        postTo(other, 1, "before the page opened", null);
        postTo(here, 1, "in the open room", null);

        page.openRoom(here);
        page.await(d -> page.listedRooms().contains(other) ? true : null, "the list to show " + other);
        assertEquals(0, page.unread(other), "what was there before the page opened is not unread");
        assertTrue(page.roomSummary(other).startsWith("1 message · "), page.roomSummary(other));

        postTo(other, 2, "unread one", null);
        page.awaitUnread(other, 1);
        postTo(other, 3, "unread two", "bob");
        page.awaitUnread(other, 2);
        assertTrue(page.roomSummary(other).startsWith("3 messages · "), page.roomSummary(other));
        postTo(fresh, 1, "in a room the page has never seen", null);
        page.awaitUnread(fresh, 1);
        assertEquals(0, page.unread(here), "the open room has nothing unread");
        assertEquals(List.of("in the open room"), texts(page.stream()), "other rooms stay out of the stream");

        page.clickRoom(other);

        // The click changes the address; the page opens the room on the hashchange that follows, not at once.
        page.awaitUnread(other, 0);
        page.await(d -> page.stream().size() == 3 ? true : null, "the three messages of " + other);
        assertEquals(List.of("before the page opened", "unread one", "unread two"), texts(page.stream()));
        postTo(here, 2, "now in a room not open", null);
        page.awaitUnread(here, 1);
    }

    @Test
    void the_author_name_is_remembered_sent_and_shown_on_each_message_as_text() throws Exception {
        String room = unique("authors");
        String name = "<i>Ada</i> " + System.nanoTime();
        try {
            page.openRoom(room);
            page.setAuthor(name);

            page.send("written by Ada");

            Shown mine = page.awaitMessage("written by Ada");
            assertEquals(name, mine.author());
            assertEquals(0L, driver.executeScript("return document.querySelectorAll('#stream i').length"));
            JsonNode stored = JSON.readTree(
                            http.get("/api/rooms/" + room + "/messages?limit=1").body())
                    .get(0);
            assertEquals(name, stored.get("author").asText(), "sent as the message's author");
            postTo(room, 7, "written by nobody", null);
            assertNull(page.awaitMessage("written by nobody").author(), "no author, no name shown");
            postTo(room, 8, "written by bob", "bob");
            assertEquals("bob", page.awaitMessage("written by bob").author());

            page.openRoom(room);
            assertEquals(name, page.author(), "the browser remembers the name");
            page.awaitMessage("written by bob");
            assertEquals(
                    List.of(name, "", "bob"),
                    page.stream().stream()
                            .map(shown -> shown.author() == null ? "" : shown.author())
                            .toList());
        } finally {
            driver.executeScript("localStorage.clear()");
        }
    }

    @Test
    void the_address_names_the_room_and_a_message_sent_there_goes_to_that_room() throws Exception {
        String room = unique("addressed");
        String next = unique("next");
        postTo(room, 1, "waiting in the room", null);

        page.openRoom(room);
        page.awaitMessage("waiting in the room");
        page.send("sent from the page");
        page.awaitMessage("sent from the page");

        assertEquals(
                List.of("waiting in the room", "sent from the page"),
                textsOf(JSON.readTree(
                        http.get("/api/rooms/" + room + "/messages").body())));
        assertTrue(driver.getCurrentUrl().endsWith("/#/r/" + room), driver.getCurrentUrl());

        driver.executeScript("location.hash = arguments[0]", "#/r/" + next);
        page.awaitOpenRoom(next);
        assertEquals(List.of(), page.stream(), "a room without messages shows none of another room's");
        driver.navigate().back();
        page.awaitOpenRoom(room);
        page.awaitMessage("sent from the page");

        driver.executeScript("location.hash = '#/r/No Such Room!'");
        assertTrue(
                page.await(d -> page.roomError().isEmpty() ? null : page.roomError(), "the page to refuse the room")
                        .contains("1 to 64 characters of a-z, 0-9"),
                page.roomError());
        assertEquals(room, page.openRoomName(), "a room name the server would refuse opens nothing");
    }

    @Test
    void a_room_is_joined_by_typing_its_name_and_a_name_against_the_rule_is_explained() throws Exception {
        String room = unique("joined");
        page.openRoom(unique("start"));

        page.joinRoom("Not a room!");
        assertTrue(
                page.joinError().contains("a-z, 0-9, '.', '_' and '-', starting with a letter or a digit"),
                page.joinError());

        page.joinRoom(room);

        page.awaitOpenRoom(room);
        assertEquals("", page.joinError());
        assertTrue(driver.getCurrentUrl().endsWith("/#/r/" + room), driver.getCurrentUrl());
        page.await(d -> page.listedRooms().contains(room) ? true : null, "the list to show " + room);
        page.send("the first message of a new room");
        page.awaitMessage("the first message of a new room");
        assertEquals(
                List.of("the first message of a new room"),
                textsOf(JSON.readTree(
                        http.get("/api/rooms/" + room + "/messages").body())));
    }

    @Test
    void the_original_pages_show_the_default_room() throws Exception {
        for (String path : List.of("/send", "/realtime", "/history")) {
            driver.get("about:blank");
            driver.get("http://localhost:" + app.port() + path);
            page.awaitConnection("live");
            assertEquals("general", page.openRoomName(), path);
            String text = "in the default room via " + path + " " + System.nanoTime();
            HttpResponse<String> response = http.postJson(JSON.writeValueAsString(Map.of("sequence", 1, "text", text)));
            assertEquals(200, response.statusCode(), response.body());
            page.awaitMessage(text);
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    private static JsonNode postTo(String room, long sequence, String text, String author) {
        Map<String, Object> body = new HashMap<>(Map.of("sequence", sequence, "text", text));
        if (author != null) {
            body.put("author", author);
        }
        try {
            HttpResponse<String> response =
                    http.send(HttpRequest.newBuilder(http.uri("/api/rooms/" + room + "/messages"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                            .build());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode stored = JSON.readTree(response.body());
            assertEquals(room, stored.get("room").asText());
            return stored;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> texts(List<Shown> shown) {
        return shown.stream().map(Shown::text).toList();
    }

    private static List<Long> idsOf(List<Shown> shown) {
        return shown.stream().map(Shown::id).toList();
    }

    private static List<String> textsOf(JsonNode messages) {
        assertFalse(messages.isObject(), messages.toString());
        return StreamSupport.stream(messages.spliterator(), false)
                .map(message -> message.get("text").asText())
                .toList();
    }
}
