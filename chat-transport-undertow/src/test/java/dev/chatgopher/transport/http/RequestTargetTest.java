package dev.chatgopher.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the access log shows of a query: everything but the token. */
class RequestTargetTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "access_token=eyJ.secret.sig                  | access_token=REDACTED",
                "rooms=a,b&access_token=eyJ.x.y&after=3        | rooms=a,b&access_token=REDACTED&after=3",
                "access%5Ftoken=eyJ.x.y                         | access%5Ftoken=REDACTED",
                "ACCESS_TOKEN=eyJ.x.y&access_token=again        | ACCESS_TOKEN=REDACTED&access_token=REDACTED",
                "access_token                                   | access_token=REDACTED",
                "rooms=general&after=12                         | rooms=general&after=12",
            })
    void the_token_of_access_token_is_redacted_and_nothing_else_changes(String query, String shown) {
        assertEquals(shown, RequestTarget.redacted(query));
    }
}
