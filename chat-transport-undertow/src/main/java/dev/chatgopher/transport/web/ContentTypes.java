package dev.chatgopher.transport.web;

import java.util.Map;

/** The Content-Type of a static file by its extension; text always says it is UTF-8. */
final class ContentTypes {

    private static final Map<String, String> BY_EXTENSION = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", // module scripts are refused under any non-JavaScript type
            "yaml", "application/yaml; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml; charset=utf-8",
            "png", "image/png",
            "txt", "text/plain; charset=utf-8");

    private ContentTypes() {}

    static String of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1);
        return BY_EXTENSION.getOrDefault(extension, "application/octet-stream");
    }

    static boolean isHtml(String contentType) {
        return contentType.startsWith("text/html");
    }
}
