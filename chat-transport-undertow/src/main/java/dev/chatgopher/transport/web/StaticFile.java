package dev.chatgopher.transport.web;

import io.undertow.util.ETag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;

/**
 * One file read from the classpath, with what a browser needs to revalidate it.
 *
 * @param lastModified when the file was built (jar entry or file time), or null when unknown
 */
record StaticFile(byte[] content, String contentType, ETag etag, Date lastModified) {

    static StaticFile read(URL resource, String contentType) {
        try {
            URLConnection connection = resource.openConnection();
            connection.setUseCaches(false); // do not keep the jar open behind our back
            byte[] content;
            try (InputStream in = connection.getInputStream()) {
                content = in.readAllBytes();
            }
            long modified = connection.getLastModified();
            return new StaticFile(
                    content, contentType, new ETag(false, digest(content)), modified > 0 ? new Date(modified) : null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }

    private static String digest(byte[] content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
