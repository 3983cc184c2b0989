package dev.chatgopher.transport.web;

import dev.chatgopher.transport.http.ErrorResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.DateUtils;
import io.undertow.util.ETagUtils;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.net.URL;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves files from classpath folders. Every answer carries its Content-Type, {@code Cache-Control: no-cache}
 * with an ETag and Last-Modified (the browser revalidates, so a new build shows up at once, and an unchanged
 * file costs a 304), and HTML pages a Content-Security-Policy. An unknown file is the API's JSON 404.
 */
final class ClasspathFiles {

    /** One path segment, never a dot first: nothing outside the folders can be named. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final List<String> folders;
    private final String contentSecurityPolicy;
    private final ClassLoader classLoader = ClasspathFiles.class.getClassLoader();
    /** Classpath files never change while the server runs; only files that exist are kept. */
    private final Map<String, StaticFile> loaded = new ConcurrentHashMap<>();

    /**
     * @param folders               classpath folders searched in order ("" is the root); the first one that
     *                              has the file wins, so a file can be overridden
     * @param contentSecurityPolicy sent with every HTML page
     */
    ClasspathFiles(List<String> folders, String contentSecurityPolicy) {
        this.folders = List.copyOf(folders);
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    /** Always answers the same file. */
    HttpHandler file(String name) {
        return exchange -> serve(exchange, name);
    }

    /** Answers the file named by what follows {@code urlPrefix} (which ends with a slash) in the request path. */
    HttpHandler folder(String urlPrefix) {
        return folder(urlPrefix, "");
    }

    /** The same, answering {@code index} for the folder itself. */
    HttpHandler folder(String urlPrefix, String index) {
        return exchange -> {
            String name = exchange.getRequestPath().substring(urlPrefix.length());
            serve(exchange, name.isEmpty() ? index : name);
        };
    }

    private void serve(HttpServerExchange exchange, String name) {
        StaticFile file = FILE_NAME.matcher(name).matches() ? find(name) : null;
        if (file == null) {
            ErrorResponses.send(exchange, StatusCodes.NOT_FOUND, "no such file: " + exchange.getRequestPath());
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.put(Headers.CONTENT_TYPE, file.contentType());
        headers.put(Headers.CACHE_CONTROL, "no-cache");
        headers.put(Headers.ETAG, file.etag().toString());
        if (file.lastModified() != null) {
            headers.put(Headers.LAST_MODIFIED, DateUtils.toDateString(file.lastModified()));
        }
        if (ContentTypes.isHtml(file.contentType())) {
            headers.put(Headers.CONTENT_SECURITY_POLICY, contentSecurityPolicy);
            headers.put(Headers.REFERRER_POLICY, "no-referrer");
        }
        if (unchanged(exchange, file)) {
            exchange.setStatusCode(StatusCodes.NOT_MODIFIED);
            exchange.endExchange();
            return;
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(file.content()));
    }

    /** If-None-Match decides when present; only without it does If-Modified-Since count (RFC 9110, 13.2.2). */
    private static boolean unchanged(HttpServerExchange exchange, StaticFile file) {
        if (exchange.getRequestHeaders().contains(Headers.IF_NONE_MATCH)) {
            return !ETagUtils.handleIfNoneMatch(exchange, file.etag(), true);
        }
        return file.lastModified() != null && !DateUtils.handleIfModifiedSince(exchange, file.lastModified());
    }

    private StaticFile find(String name) {
        StaticFile known = loaded.get(name);
        if (known != null) {
            return known;
        }
        for (String folder : folders) {
            URL resource = classLoader.getResource(folder.isEmpty() ? name : folder + "/" + name);
            if (resource != null) {
                StaticFile file = StaticFile.read(resource, ContentTypes.of(name));
                loaded.put(name, file);
                return file;
            }
        }
        return null;
    }
}
