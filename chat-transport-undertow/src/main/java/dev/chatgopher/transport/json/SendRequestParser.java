package dev.chatgopher.transport.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.chatgopher.domain.model.Author;
import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;

/**
 * Reads {@code {"sequence": 1, "text": "...", "author": "alice"}} from a POST body, and the same with an optional
 * {@code "room"} from a WebSocket frame. {@code sequence} is a JSON integer in the signed 64-bit range, 0 when
 * absent (a {@code null} is refused: it is not a number, and a client that sends one has a bug to hear about);
 * {@code text}, {@code author} and {@code room} are strings, {@code author} and {@code room}
 * optional ({@code null} is the same as absent); other fields are ignored, and so is {@code room} in a POST body,
 * whose path names the room. Every refusal is an {@link InvalidInputException} whose message a client can act on.
 */
public final class SendRequestParser {

    private static final String EXPECTED_SHAPE = "a JSON object like {\"sequence\": 1, \"text\": \"Hello, World!\"}";
    static final String ROOM_REQUIRED =
            "room is required: this connection follows more than one room, so name the room to send to";

    private SendRequestParser() {}

    /** Parses a POST body that arrived as bytes, which must be UTF-8, for the room its path names. */
    public static NewMessage parse(byte[] utf8, RoomId room) {
        String json;
        try {
            json = StrictUtf8.decode(utf8, 0, utf8.length);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("request body is not valid UTF-8");
        }
        Fields fields = read(json, false);
        return new NewMessage(room, Author.ofNullable(fields.author), fields.sequence, fields.text);
    }

    /**
     * Parses a WebSocket text frame. Its {@code room} is where the message goes; without one it goes to
     * {@code impliedRoom}, the one room the connection follows, or is refused when that is {@code null}.
     */
    public static NewMessage parseFrame(String json, RoomId impliedRoom) {
        Fields fields = read(json, true);
        RoomId room = fields.room != null ? RoomId.of(fields.room) : impliedRoom;
        if (room == null) {
            throw new InvalidInputException(ROOM_REQUIRED);
        }
        return new NewMessage(room, Author.ofNullable(fields.author), fields.sequence, fields.text);
    }

    /** The fields as sent; null for a string that was absent or null. */
    private record Fields(long sequence, String text, String author, String room) {}

    private static Fields read(String json, boolean roomField) {
        if (!json.isEmpty() && json.charAt(0) == '\uFEFF') {
            json = json.substring(1);
        }
        try (JsonParser parser = Json.FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidInputException("expected " + EXPECTED_SHAPE);
            }
            long sequence = 0;
            String text = null;
            String author = null;
            String room = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "sequence" -> sequence = readSequence(parser, value);
                    case "text" -> text = readString(parser, value, "text");
                    case "author" -> author = readString(parser, value, "author");
                    case "room" -> {
                        if (roomField) {
                            room = readString(parser, value, "room");
                        } else {
                            parser.skipChildren();
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new InvalidInputException("unexpected content after the JSON object");
            }
            return new Fields(sequence, text, author, room);
        } catch (StreamConstraintsException e) {
            throw new InvalidInputException("request is not acceptable JSON: " + e.getOriginalMessage());
        } catch (JsonParseException e) {
            throw new InvalidInputException(
                    "request is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException("request is not valid JSON: " + e.getMessage());
        }
    }

    private static long readSequence(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new InvalidInputException("sequence must be an integer");
        }
        JsonParser.NumberType type = parser.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw new InvalidInputException(
                    "sequence must be an integer from -9223372036854775808 to 9223372036854775807");
        }
        return parser.getLongValue();
    }

    private static String readString(JsonParser parser, JsonToken value, String field) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidInputException(field + " must be a string");
        }
        return parser.getText();
    }
}
