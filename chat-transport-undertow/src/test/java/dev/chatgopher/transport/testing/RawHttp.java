package dev.chatgopher.transport.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 answers read off a plain socket, for tests that must do what java.net.http will not. */
public final class RawHttp {

    private RawHttp() {}

    /** An answer as it came: the status line, the header block and the body. */
    public record Answer(String statusLine, String headers, String body) {

        /** The value of a header, or null; names are compared without regard to case. */
        public String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** Reads up to and including the blank line that ends the headers (or to the end of the stream). */
    public static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            headers.write(next);
            matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        return headers.toString(StandardCharsets.US_ASCII);
    }

    /** Reads one answer whose body has a Content-Length. */
    public static Answer readAnswer(InputStream in) throws IOException {
        String head = readHeaders(in);
        int endOfStatus = head.indexOf("\r\n");
        if (endOfStatus < 0) {
            throw new IOException("no answer, only " + head.length() + " bytes: '" + head + "'");
        }
        Answer withoutBody = new Answer(
                head.substring(0, endOfStatus), head.substring(endOfStatus + 2).trim(), "");
        String length = withoutBody.header("Content-Length");
        if (length == null) {
            throw new IOException("answer without Content-Length: " + head);
        }
        byte[] body = new byte[Integer.parseInt(length)];
        new DataInputStream(in).readFully(body);
        return new Answer(withoutBody.statusLine(), withoutBody.headers(), new String(body, StandardCharsets.UTF_8));
    }
}
