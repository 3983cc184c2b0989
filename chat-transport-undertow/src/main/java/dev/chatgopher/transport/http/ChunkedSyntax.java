package dev.chatgopher.transport.http;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The parts of RFC 9112's chunked coding that are text: the chunk size, its extensions and the trailer fields.
 * Lines arrive as ISO-8859-1 (one char per byte). The quantifiers are possessive, so no line makes them backtrack.
 */
final class ChunkedSyntax {

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]++";
    private static final String QUOTED_STRING =
            "\"(?:[\\t \\x21\\x23-\\x5B\\x5D-\\x7E\\x80-\\xFF]|\\\\[\\t \\x21-\\x7E\\x80-\\xFF])*+\"";
    private static final String BWS = "[ \\t]*+";
    /** {@code *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )} */
    private static final Pattern EXTENSIONS = Pattern.compile(
            "(?:" + BWS + ";" + BWS + TOKEN + "(?:" + BWS + "=" + BWS + "(?:" + TOKEN + "|" + QUOTED_STRING + "))?)*+");
    /** {@code field-name ":" OWS field-value OWS}, the value visible characters, spaces and tabs. */
    private static final Pattern FIELD_LINE = Pattern.compile(TOKEN + ":[\\t \\x21-\\x7E\\x80-\\xFF]*+");

    private ChunkedSyntax() {}

    /** How many hexadecimal digits the line starts with. */
    static int hexDigits(String line) {
        int digits = 0;
        while (digits < line.length() && HexFormat.isHexDigit(line.charAt(digits))) {
            digits++;
        }
        return digits;
    }

    /** Whether the rest of a chunk-size line is a well-formed (possibly empty) list of chunk extensions. */
    static boolean isExtensionList(String rest) {
        return EXTENSIONS.matcher(rest).matches();
    }

    /** Whether a trailer line is a header field. */
    static boolean isFieldLine(String line) {
        return FIELD_LINE.matcher(line).matches();
    }
}
