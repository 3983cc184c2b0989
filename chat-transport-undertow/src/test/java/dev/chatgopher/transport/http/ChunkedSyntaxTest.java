package dev.chatgopher.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkedSyntaxTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"1a|2", "FFff;x|4", "0|1", "zz|0", "-5|0", "' 5'|0", "0x5|1"})
    void counts_the_leading_hex_digits(String line, int digits) {
        assertEquals(digits, ChunkedSyntax.hexDigits(line));
    }

    @Test
    void does_not_take_other_scripts_digits_for_hex() {
        assertEquals(0, ChunkedSyntax.hexDigits("\uFF11\uFF12"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ";a", ";a=b", " ; a = b", ";a=\"quoted ; value\"", ";a=\"esc\\\"aped\"", ";a;b=c;d"})
    void accepts_chunk_extensions_of_rfc_9112(String rest) {
        assertTrue(ChunkedSyntax.isExtensionList(rest), rest);
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "x", ";", ";=b", ";a=", ";a=\"open", ";a b", ";\u0001", ";a=b c", "; a=\"x\"y"})
    void refuses_anything_else_after_a_chunk_size(String rest) {
        assertFalse(ChunkedSyntax.isExtensionList(rest), rest);
    }

    @Test
    void a_long_run_of_spaces_does_not_make_the_extension_check_backtrack() {
        String hostile = ";a" + " ".repeat(4_000) + "x";

        assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> ChunkedSyntax.isExtensionList(hostile)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Checksum: abc", "x:", "Expires:\tsoon "})
    void accepts_trailer_fields(String line) {
        assertTrue(ChunkedSyntax.isFieldLine(line), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no colon", ": empty name", "X A: b", "X-A: a\u0000b", "X-A : b"})
    void refuses_trailer_lines_that_are_not_fields(String line) {
        assertFalse(ChunkedSyntax.isFieldLine(line), line);
    }
}
