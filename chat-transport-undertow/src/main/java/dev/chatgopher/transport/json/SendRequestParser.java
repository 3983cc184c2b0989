package dev.chatgopher.transport.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.NewMessage;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;

/**
 * Reads {@code {"sequence": 1, "text": "..."}} from a POST body or a WebSocket frame. {@code sequence} is a JSON
 * integer in the signed 64-bit range, 0 when absent or null; {@code text} is a string; other fields are ignored.
 * Every refusal is an {@link InvalidInputException} whose message a client can act on.
 */
public final class SendRequestParser {

    private static final String EXPECTED_SHAPE = "a JSON object like {\"sequence\": 1, \"text\": \"Hello, World!\"}";

    private SendRequestParser() {}

    /** Parses a body that arrived as bytes, which must be UTF-8. */
    public static NewMessage parse(byte[] utf8) {
        String json;
        try {
            json = StrictUtf8.decode(utf8, 0, utf8.length);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("request body is not valid UTF-8");
        }
        return parse(json);
    }

    /** Parses a body that is already text (a WebSocket text frame). */
    public static NewMessage parse(String json) {
        if (!json.isEmpty() && json.charAt(0) == '\uFEFF') {
            json = json.substring(1);
        }
        try (JsonParser parser = Json.FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidInputException("expected " + EXPECTED_SHAPE);
            }
            long sequence = 0;
            String text = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "sequence" -> sequence = readSequence(parser, value);
                    case "text" -> text = readText(parser, value);
                    default -> parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new InvalidInputException("unexpected content after the JSON object");
            }
            return new NewMessage(sequence, text);
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
        if (value == JsonToken.VALUE_NULL) {
            return 0;
        }
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

    private static String readText(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new InvalidInputException("text must be a string");
        }
        return parser.getText();
    }
}
