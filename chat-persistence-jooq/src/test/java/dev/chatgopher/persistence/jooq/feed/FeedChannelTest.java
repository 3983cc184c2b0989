package dev.chatgopher.persistence.jooq.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeedChannelTest {

    @Test
    void a_schema_names_its_channel() {
        assertEquals("chat_gopher.public", FeedChannel.forSchema("public").name());
        assertEquals(
                "listen \"chat_gopher.Team\"\"s\"",
                FeedChannel.forSchema("Team\"s").listenStatement());
    }

    @Test
    void a_schema_too_long_for_a_channel_still_gets_one_of_its_own_within_postgres_limit() {
        String common = "a_schema_name_long_enough_that_the_channel_would_pass_63_bytes_";
        FeedChannel first = FeedChannel.forSchema(common + "one");
        FeedChannel second = FeedChannel.forSchema(common + "two");
        FeedChannel multibyte = FeedChannel.forSchema("schéma_".repeat(10));

        for (FeedChannel channel : new FeedChannel[] {first, second, multibyte}) {
            assertTrue(channel.name().getBytes(StandardCharsets.UTF_8).length <= 63, channel.name());
            assertTrue(channel.name().startsWith("chat_gopher."), channel.name());
        }
        assertNotEquals(first, second);
        assertTrue(first.name().startsWith("chat_gopher.a_schema_name_long"), first.name());
    }
}
