package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP half of the malformed-input corpus (issue 10, "Hostile input"): request framing, JSON bodies, content
 * types and query strings, each sent over a raw socket as a hostile client would. Every case is answered with a
 * clean 4xx (or 501) whose body is the API's JSON error, stores nothing, and leaves the server serving the next
 * client. One server serves the whole corpus, so a case that stored or broke something shows in every case after.
 */
class MalformedHttpIT {

    private static final String ROOMS_EMPTY = "[]";
    private static final String JSON_POST = "POST /api/messages HTTP/1.1\r\nHost: localhost\r\n";
    private static final String VALID = "{\"text\": \"should never be stored\"}";
    private static final String RANGE = "from=2025-01-01T00:00:00Z&to=2025-12-31T00:00:00Z";

    @AutoClose
    private static final InMemoryChat CHAT = new InMemoryChat();

    /**
     * One hostile request: its bytes, whether the client half-closes after them, the statuses allowed, and whether
     * its framing is broken, so that the connection must close after the answer.
     */
    record Case(String name, byte[] request, boolean halfClose, Set<Integer> statuses, boolean framing) {

        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"framing", "headers", "smuggling", "chunked", "jsonBodies", "contentTypes", "queries"})
    void is_refused_with_a_json_error_stores_nothing_and_others_are_served(Case hostile) throws IOException {
        RawHttp.Answer answer = send(hostile);

        int status = Integer.parseInt(answer.statusLine().split(" ")[1]);
        assertTrue(
                hostile.statuses().contains(status),
                hostile + ": expected " + hostile.statuses() + ", got " + answer.statusLine() + " " + answer.body());
        assertEquals("application/json", answer.header("Content-Type"), answer.statusLine());
        assertFalse(Http.errorMessage(answer.body()).isBlank(), answer.body());
        assertFalse(answer.body().contains("\tat "), "a stack trace reached the client: " + answer.body());
        if (hostile.framing() && status != 405) {
            assertEquals("close", answer.header("Connection"), hostile + ": where the next request starts is unknown");
        }
        HttpResponse<String> rooms = CHAT.http.get("/api/rooms");
        assertEquals(200, rooms.statusCode(), "the next client was not served: " + rooms.body());
        assertEquals(ROOMS_EMPTY, rooms.body(), "something was stored");
        assertEquals(List.of(), CHAT.store.readAfter(RoomSelection.all(), 0, 10), "something was stored");
    }

    static List<Case> framing() {
        return List.of(
                refused(
                        "lower-case method",
                        "post /api/messages HTTP/1.1\r\nHost: localhost\r\n" + lengthAndBody(VALID),
                        405),
                refused(
                        "mixed-case method",
                        "Post /api/messages HTTP/1.1\r\nHost: localhost\r\n" + lengthAndBody(VALID),
                        405),
                refused("lower-case get on a read route", "get /api/rooms HTTP/1.1\r\nHost: localhost\r\n\r\n", 405),
                refused(
                        "unknown method on a known path",
                        "BREW /api/messages HTTP/1.1\r\nHost: localhost\r\n" + lengthAndBody(VALID),
                        405),
                refused("separator inside the method", "PO(ST /api/messages HTTP/1.1\r\nHost: localhost\r\n\r\n", 400),
                refused("no request target", "POST HTTP/1.1\r\nHost: localhost\r\n\r\n", 400),
                refused("no protocol version", "GET /api/rooms\r\nHost: localhost\r\n\r\n", 400),
                refused(
                        "HTTP/2.0 in an HTTP/1 request line",
                        "GET /api/rooms HTTP/2.0\r\nHost: localhost\r\n\r\n",
                        400),
                refused("HTTP version without a minor number", "GET /api/rooms HTTP/1\r\nHost: localhost\r\n\r\n", 400),
                refused("lower-case protocol name", "GET /api/rooms http/1.1\r\nHost: localhost\r\n\r\n", 400),
                refused("junk after the version", "GET /api/rooms HTTP/1.1 please\r\nHost: localhost\r\n\r\n", 400),
                refused("two spaces after the method", "GET  /api/rooms HTTP/1.1\r\nHost: localhost\r\n\r\n", 400),
                refused("tab as a separator", "GET\t/api/rooms HTTP/1.1\r\nHost: localhost\r\n\r\n", 400),
                refused("space inside the target", "GET /api/ro oms HTTP/1.1\r\nHost: localhost\r\n\r\n", 400),
                refused("NUL inside the target", "GET /api/rooms\0 HTTP/1.1\r\nHost: localhost\r\n\r\n", 400),
                refused("bad percent-encoding in the path", "GET /api/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n", 400),
                refused(
                        "target without a leading slash",
                        "GET api/rooms HTTP/1.1\r\nHost: localhost\r\n\r\n",
                        400,
                        404),
                refused("asterisk target on GET", "GET * HTTP/1.1\r\nHost: localhost\r\n\r\n", 400, 404),
                answered(
                        "64 KiB path",
                        "GET /" + "a".repeat(64 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
                        400,
                        404,
                        414,
                        431),
                refused("bare CR line endings", "GET /api/rooms HTTP/1.1\rHost: localhost\r\r", 400),
                refused("bare LF line endings", "GET /api/rooms HTTP/1.1\nHost: localhost\n\n", 400),
                answered("POST without length or chunks", JSON_POST + "Content-Type: application/json\r\n\r\n", 400),
                cutShort(
                        "HTTP/1.0 POST without a length",
                        "POST /api/messages HTTP/1.0\r\nContent-Type: application/json\r\n\r\n" + VALID,
                        400),
                cutShort(
                        "body shorter than its Content-Length", JSON_POST + "Content-Length: 50\r\n\r\n" + VALID, 400));
    }

    static List<Case> headers() {
        String thousand = IntStream.range(0, 1_000)
                .mapToObj(i -> "X-Header-" + i + ": v\r\n")
                .collect(Collectors.joining());
        return List.of(
                refused(
                        "1,000 header fields",
                        "GET /api/rooms HTTP/1.1\r\nHost: localhost\r\n" + thousand + "\r\n",
                        400,
                        431),
                refused(
                        "a 2 MB header field",
                        "GET /api/rooms HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(2_000_000) + "\r\n\r\n",
                        400,
                        431),
                refused("space before the colon", "GET /api/rooms HTTP/1.1\r\nHost: localhost\r\nX-A : b\r\n\r\n", 400),
                refused(
                        "separator in a header name",
                        "GET /api/rooms HTTP/1.1\r\nHost: localhost\r\nX(A): b\r\n\r\n",
                        400),
                refused(
                        "header line without a colon",
                        "GET /api/rooms HTTP/1.1\r\nHost: localhost\r\nNoColon\r\n\r\n",
                        400),
                refused("empty header name", "GET /api/rooms HTTP/1.1\r\nHost: localhost\r\n: b\r\n\r\n", 400),
                refused(
                        "NUL in a header value",
                        "GET /api/rooms HTTP/1.1\r\nHost: localhost\r\nX-A: a\0b\r\n\r\n",
                        400),
                refused(
                        "bare CR in a header value",
                        "GET /api/rooms HTTP/1.1\r\nHost: localhost\r\nX-A: a\rb\r\n\r\n",
                        400),
                refused(
                        "bare LF in a header value",
                        "GET /api/rooms HTTP/1.1\r\nHost: localhost\r\nX-A: a\nb\r\n\r\n",
                        400),
                refused(
                        "control character in a header value",
                        "GET /api/rooms HTTP/1.1\r\nHost: localhost\r\nX-A: a\u0001b\r\n\r\n",
                        400),
                answered(
                        "obs-fold continuation of Content-Type",
                        JSON_POST + "Content-Type: text/plain\r\n ;charset=utf-8\r\n" + lengthAndBody(VALID),
                        400,
                        415),
                refused("no Host in HTTP/1.1", "GET /api/rooms HTTP/1.1\r\n\r\n", 400),
                refused(
                        "two Host headers",
                        "GET /api/rooms HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n\r\n",
                        400),
                refused("space inside Host", "GET /api/rooms HTTP/1.1\r\nHost: local host\r\n\r\n", 400),
                refused("Host port out of range", "GET /api/rooms HTTP/1.1\r\nHost: localhost:99999\r\n\r\n", 400),
                refused(
                        "Content-Length twice, same value",
                        JSON_POST + "Content-Length: 35\r\nContent-Length: 35\r\n\r\n" + VALID,
                        400),
                refused(
                        "Content-Length twice, different values",
                        JSON_POST + "Content-Length: 5\r\nContent-Length: 35\r\n\r\n" + VALID,
                        400),
                refused("Content-Length as a list", JSON_POST + "Content-Length: 35, 35\r\n\r\n" + VALID, 400),
                refused("negative Content-Length", JSON_POST + "Content-Length: -1\r\n\r\n" + VALID, 400),
                refused("Content-Length with a plus sign", JSON_POST + "Content-Length: +35\r\n\r\n" + VALID, 400),
                refused("Content-Length in hex", JSON_POST + "Content-Length: 0x23\r\n\r\n" + VALID, 400),
                refused(
                        "Content-Length too large for a number",
                        JSON_POST + "Content-Length: 99999999999999999999\r\n\r\n" + VALID,
                        400),
                refused(
                        "Content-Length of 2^63-1",
                        JSON_POST + "Content-Length: 9223372036854775807\r\n\r\n" + VALID,
                        400,
                        413),
                refused("empty Content-Length", JSON_POST + "Content-Length: \r\n\r\n" + VALID, 400),
                refused("Content-Length with letters", JSON_POST + "Content-Length: thirty\r\n\r\n" + VALID, 400),
                refused("Content-Length with an inner space", JSON_POST + "Content-Length: 3 5\r\n\r\n" + VALID, 400));
    }

    static List<Case> smuggling() {
        String chunkedValid = chunk(VALID) + "0\r\n\r\n";
        return List.of(
                refused(
                        "Content-Length then Transfer-Encoding",
                        JSON_POST + "Content-Length: 35\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedValid,
                        400),
                refused(
                        "Transfer-Encoding then Content-Length",
                        JSON_POST + "Transfer-Encoding: chunked\r\nContent-Length: 35\r\n\r\n" + chunkedValid,
                        400),
                refused(
                        "chunked with Content-Length 0",
                        JSON_POST + "Content-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedValid,
                        400),
                refused(
                        "Transfer-Encoding chunked, gzip",
                        JSON_POST + "Transfer-Encoding: chunked, gzip\r\n\r\n" + chunkedValid,
                        501),
                refused(
                        "Transfer-Encoding gzip, chunked",
                        JSON_POST + "Transfer-Encoding: gzip, chunked\r\n\r\n" + chunkedValid,
                        501),
                refused("Transfer-Encoding gzip", JSON_POST + "Transfer-Encoding: gzip\r\n\r\n" + chunkedValid, 501),
                refused("Transfer-Encoding identity", JSON_POST + "Transfer-Encoding: identity\r\n\r\n" + VALID, 501),
                refused(
                        "Transfer-Encoding xchunked",
                        JSON_POST + "Transfer-Encoding: xchunked\r\n\r\n" + chunkedValid,
                        501),
                refused(
                        "Transfer-Encoding chunked given twice",
                        JSON_POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedValid,
                        400),
                refused(
                        "Transfer-Encoding with a parameter",
                        JSON_POST + "Transfer-Encoding: chunked;q=1\r\n\r\n" + chunkedValid,
                        501),
                refused(
                        "Transfer-Encoding in HTTP/1.0",
                        "POST /api/messages HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedValid,
                        400),
                refused(
                        "vertical tab before chunked",
                        JSON_POST + "Transfer-Encoding: \u000bchunked\r\n\r\n" + chunkedValid,
                        400),
                refused(
                        "obs-fold continuation of Transfer-Encoding",
                        JSON_POST + "Transfer-Encoding: chunked\r\n , gzip\r\n\r\n" + chunkedValid,
                        501));
    }

    static List<Case> chunked() {
        String head = JSON_POST + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        String data = VALID + "\r\n";
        String size = Integer.toHexString(VALID.length());
        String sixteenKiB = "4000\r\n" + "x".repeat(16 * 1024) + "\r\n";
        return List.of(
                refused("chunk size zz", head + "zz\r\n" + data + "0\r\n\r\n", 400),
                refused("chunk size of 18 hex digits", head + "123456789012345678\r\n" + data + "0\r\n\r\n", 400),
                refused("negative chunk size", head + "-5\r\n" + data + "0\r\n\r\n", 400),
                refused("chunk size after a space", head + " " + size + "\r\n" + data + "0\r\n\r\n", 400),
                refused("chunk size with 0x", head + "0x" + size + "\r\n" + data + "0\r\n\r\n", 400),
                refused("garbage chunk extension", head + size + ";\u0001garbage\r\n" + data + "0\r\n\r\n", 400),
                refused("chunk extension without a name", head + size + ";=x\r\n" + data + "0\r\n\r\n", 400),
                refused("unterminated quoted chunk extension", head + size + ";a=\"b\r\n" + data + "0\r\n\r\n", 400),
                refused("bare LF after the chunk size", head + size + "\n" + data + "0\r\n\r\n", 400),
                refused("bare CR after the chunk size", head + size + "\r" + data + "0\r\n\r\n", 400),
                refused("chunk longer than its size", head + size + "\r\n" + VALID + "xx\r\n0\r\n\r\n", 400),
                cutShort("chunk cut short", head + size + "\r\n" + VALID.substring(0, 10), 400),
                cutShort("no last chunk", head + size + "\r\n" + data, 400),
                refused("malformed trailer field", head + size + "\r\n" + data + "0\r\nnot a field\r\n\r\n", 400),
                refused("one chunk over the body limit", head + "20000\r\n" + data + "0\r\n\r\n", 413),
                refused("chunks adding up over the body limit", head + sixteenKiB.repeat(5) + "0\r\n\r\n", 413));
    }

    static List<Case> jsonBodies() {
        List<Case> cases = new ArrayList<>();
        for (String[] body : new String[][] {
            {"not JSON", "hello"},
            {"truncated object", "{\"text\": \"a\""},
            {"trailing garbage", "{\"text\": \"a\"}x"},
            {"two objects", "{\"text\": \"a\"} {\"text\": \"b\"}"},
            {"empty body", ""},
            {"only white space", "   \r\n  "},
            {"empty object", "{}"},
            {"top-level array", "[{\"text\": \"a\"}]"},
            {"top-level string", "\"a\""},
            {"top-level number", "42"},
            {"top-level null", "null"},
            {"top-level true", "true"},
            {"text as a number", "{\"text\": 5}"},
            {"text as an array", "{\"text\": [\"a\"]}"},
            {"text as an object", "{\"text\": {\"a\": 1}}"},
            {"text as a boolean", "{\"text\": true}"},
            {"sequence as a string", "{\"sequence\": \"1\", \"text\": \"a\"}"},
            {"sequence as a fraction", "{\"sequence\": 1.5, \"text\": \"a\"}"},
            {"sequence with an exponent", "{\"sequence\": 1e3, \"text\": \"a\"}"},
            {"sequence as a boolean", "{\"sequence\": false, \"text\": \"a\"}"},
            {"sequence as an array", "{\"sequence\": [1], \"text\": \"a\"}"},
            {"sequence as an object", "{\"sequence\": {}, \"text\": \"a\"}"},
            {"sequence null", "{\"sequence\": null, \"text\": \"a\"}"},
            {"sequence of 2^63", "{\"sequence\": 9223372036854775808, \"text\": \"a\"}"},
            {"sequence of 1,200 digits", "{\"sequence\": " + "9".repeat(1_200) + ", \"text\": \"a\"}"},
            {"sequence 1e999999", "{\"sequence\": 1e999999, \"text\": \"a\"}"},
            {"author as a number", "{\"text\": \"a\", \"author\": 1}"},
            {"author as a boolean", "{\"text\": \"a\", \"author\": true}"},
            {"author as an array", "{\"text\": \"a\", \"author\": [\"x\"]}"},
            {"author as an object", "{\"text\": \"a\", \"author\": {\"name\": \"x\"}}"},
            {"author of no-break spaces", "{\"text\": \"a\", \"author\": \"\\u00a0\\u202f\"}"},
            {"empty text", "{\"text\": \"\"}"},
            {"text of no-break spaces", "{\"text\": \"\\u00a0\\u202f\\u2007\"}"},
            {"text of zero-width characters", "{\"text\": \"\\u200b\\ufeff\\u2060\"}"},
            {"text with NUL", "{\"text\": \"a\\u0000b\"}"},
            {"text with a lone surrogate", "{\"text\": \"a\\ud800\"}"},
            {"text over 128 characters", "{\"text\": \"" + "x".repeat(129) + "\"}"},
            {"10,000-deep arrays", "{\"text\": \"a\", \"x\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}"},
            {
                "10,000-deep objects",
                "{\"text\": \"a\", \"x\": " + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}"
            },
            {"10,000-deep arrays as the text", "{\"text\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}"},
            {"duplicate text", "{\"text\": \"a\", \"text\": \"b\"}"},
            {"duplicate sequence", "{\"sequence\": 1, \"sequence\": 2, \"text\": \"a\"}"},
            {"comment", "{\"text\": \"a\" /* note */}"},
            {"single quotes", "{'text': 'a'}"},
            {"unquoted name", "{text: \"a\"}"},
            {"NaN", "{\"sequence\": NaN, \"text\": \"a\"}"},
            {"leading zero", "{\"sequence\": 01, \"text\": \"a\"}"},
            {"raw control character in a string", "{\"text\": \"a\u0001b\"}"},
            {"invalid escape", "{\"text\": \"a\\xb\"}"},
            {"trailing comma", "{\"text\": \"a\",}"},
        }) {
            cases.add(post("JSON: " + body[0], body[1].getBytes(StandardCharsets.UTF_8), "application/json", 400));
        }
        cases.add(post(
                "JSON: invalid UTF-8",
                bytes("{\"text\": \"", new byte[] {(byte) 0xC3, 0x28}, "\"}"),
                "application/json",
                400));
        cases.add(post(
                "JSON: overlong UTF-8",
                bytes("{\"text\": \"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}"),
                "application/json",
                400));
        cases.add(post(
                "JSON: UTF-8 encoded surrogate",
                bytes("{\"text\": \"", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}"),
                "application/json",
                400));
        cases.add(post(
                "JSON: UTF-8 cut inside a character",
                bytes("{\"text\": \"a\"}", new byte[] {(byte) 0xE2, (byte) 0x82}, ""),
                "application/json",
                400));
        cases.add(post(
                "JSON: byte 0xFF", bytes("{\"text\": \"", new byte[] {(byte) 0xFF}, "\"}"), "application/json", 400));
        cases.add(post(
                "JSON: UTF-16 with its BOM",
                bytes("", new byte[] {(byte) 0xFE, (byte) 0xFF}, ""),
                "application/json",
                400));
        cases.add(post(
                "JSON: two UTF-8 BOMs",
                bytes(
                        "",
                        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        VALID),
                "application/json",
                400));
        return cases;
    }

    static List<Case> contentTypes() {
        byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
        List<Case> cases = new ArrayList<>();
        for (String type : List.of(
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/json; charset=iso-8859-1",
                "application/json; charset=utf-16",
                "application/jsonx",
                "application/json-seq",
                "",
                "*/*",
                "application/json; charset",
                "application/json; charset=utf-8; charset=latin1",
                "application/json, text/plain")) {
            cases.add(post("Content-Type '" + type + "'", valid, type, 415));
        }
        cases.add(answered(
                "Content-Type given twice",
                JSON_POST + "Content-Type: application/json\r\nContent-Type: text/plain\r\n" + lengthAndBody(VALID),
                400,
                415));
        return cases;
    }

    static List<Case> queries() {
        List<Case> cases = new ArrayList<>();
        for (String[] query : new String[][] {
            {"from missing", "/api/messages?to=2025-12-31T00:00:00Z"},
            {"to missing", "/api/messages?from=2025-01-01T00:00:00Z"},
            {"from not a timestamp", "/api/messages?from=yesterday&to=2025-12-31T00:00:00Z"},
            {"from year -0001", "/api/messages?from=-0001-01-01T00:00:00Z&to=2025-12-31T00:00:00Z"},
            {"from year +10000", "/api/messages?from=%2B10000-01-01T00:00:00Z&to=2025-12-31T00:00:00Z"},
            {"from five-digit year", "/api/messages?from=10000-01-01T00:00:00Z&to=2025-12-31T00:00:00Z"},
            {"from after to", "/api/messages?from=2025-12-31T00:00:00Z&to=2025-01-01T00:00:00Z"},
            {"from given twice", "/api/messages?" + RANGE + "&from=2025-01-02T00:00:00Z"},
            {"from empty", "/api/messages?from=&to=2025-12-31T00:00:00Z"},
            {"month 13", "/api/messages?from=2025-13-01T00:00:00Z&to=2025-12-31T00:00:00Z"},
            {"bad percent-encoding", "/api/messages?from=%zz&to=2025-12-31T00:00:00Z"},
            {"lone percent sign", "/api/messages?from=%&to=2025-12-31T00:00:00Z"},
            {"percent-encoded NUL", "/api/messages?from=2025-01-01T00:00:00Z%00&to=2025-12-31T00:00:00Z"},
            {"percent-encoded invalid UTF-8", "/api/messages?from=%C3%28&to=2025-12-31T00:00:00Z"},
            {"10,000-character from", "/api/messages?from=" + "9".repeat(10_000) + "&to=2025-12-31T00:00:00Z"},
            {"limit 0", "/api/rooms/general/messages?limit=0"},
            {"limit -1", "/api/rooms/general/messages?limit=-1"},
            {"limit not a number", "/api/rooms/general/messages?limit=ten"},
            {"limit a fraction", "/api/rooms/general/messages?limit=1.5"},
            {"limit with an exponent", "/api/rooms/general/messages?limit=1e3"},
            {"limit over the maximum", "/api/rooms/general/messages?limit=1001"},
            {"limit of 20 digits", "/api/rooms/general/messages?limit=99999999999999999999"},
            {"limit given twice", "/api/rooms/general/messages?limit=1&limit=2"},
            {"limit with a time range", "/api/rooms/general/messages?" + RANGE + "&limit=5"},
            {"before -1", "/api/rooms/general/messages?before=-1"},
            {"before not a number", "/api/rooms/general/messages?before=last"},
            {"before of 20 digits", "/api/rooms/general/messages?before=99999999999999999999"},
            {"after a fraction", "/api/rooms/general/messages?after=1.5"},
            {"before and after", "/api/rooms/general/messages?before=5&after=1"},
            {"before with a time range", "/api/rooms/general/messages?" + RANGE + "&before=5"},
            {"upper-case room", "/api/rooms/General/messages"},
            {"room with an encoded slash", "/api/rooms/a%2Fb/messages"},
            {"room of 65 characters", "/api/rooms/" + "r".repeat(65) + "/messages"},
            {"rooms limit 0", "/api/rooms?limit=0"},
            {"rooms prefix with upper case", "/api/rooms?prefix=Team"},
            {"rooms prefix given twice", "/api/rooms?prefix=a&prefix=b"},
            {"rooms prefix of 10,000 characters", "/api/rooms?prefix=" + "a".repeat(10_000)},
        }) {
            cases.add(answered("query: " + query[0], "GET " + query[1] + " HTTP/1.1\r\nHost: localhost\r\n\r\n", 400));
        }
        return cases;
    }

    /** A request whose framing is broken: the answer must close the connection. */
    private static Case refused(String name, String request, Integer... statuses) {
        return new Case(name, request.getBytes(StandardCharsets.ISO_8859_1), false, Set.of(statuses), true);
    }

    /** A request framed well but wrong in what it asks: the connection may serve the next request. */
    private static Case answered(String name, String request, Integer... statuses) {
        return new Case(name, request.getBytes(StandardCharsets.ISO_8859_1), false, Set.of(statuses), false);
    }

    /** A request whose client then half-closes, so that what it left out can only be missing. */
    private static Case cutShort(String name, String request, Integer... statuses) {
        return new Case(name, request.getBytes(StandardCharsets.ISO_8859_1), true, Set.of(statuses), true);
    }

    private static Case post(String name, byte[] body, String contentType, Integer... statuses) {
        byte[] head = (JSON_POST + "Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        return new Case(name, bytes(head, body), false, Set.of(statuses), false);
    }

    private static String lengthAndBody(String body) {
        return "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        return bytes(bytes(before.getBytes(StandardCharsets.UTF_8), middle), after.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(byte[] first, byte[] second) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.writeBytes(first);
        joined.writeBytes(second);
        return joined.toByteArray();
    }

    private static RawHttp.Answer send(Case hostile) throws IOException {
        try (Socket socket = new Socket("localhost", CHAT.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(hostile.request());
                out.flush();
                if (hostile.halfClose()) {
                    socket.shutdownOutput();
                }
            } catch (IOException cut) {
                // The server may answer and close before a large request is all out; the answer is still there.
            }
            InputStream in = socket.getInputStream();
            return RawHttp.readAnswer(in);
        }
    }
}
