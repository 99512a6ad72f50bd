package io.llmwatch.agent.otlp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body, gunzipping it when {@code Content-Encoding: gzip} says so, and refuses one larger
 * than the limit. The limit applies after decompression too, so a small gzip bomb cannot exhaust memory.
 */
final class RequestBody {

    private RequestBody() {
    }

    static byte[] read(InputStream body, String contentEncoding, int maxBytes) throws RefusedRequest, IOException {
        String encoding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "identity", "" -> readLimited(body, maxBytes);
            case "gzip" -> gunzip(body, maxBytes);
            default -> throw new RefusedRequest(Refusal.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Encoding '" + contentEncoding + "' is not supported; send gzip or no encoding");
        };
    }

    private static byte[] gunzip(InputStream body, int maxBytes) throws RefusedRequest, IOException {
        try (InputStream unzipped = new GZIPInputStream(body)) {
            return readLimited(unzipped, maxBytes);
        } catch (ZipException | EOFException e) {
            throw new RefusedRequest(Refusal.BAD_REQUEST, "The body is not valid gzip: " + e.getMessage(), e);
        }
    }

    private static byte[] readLimited(InputStream in, int maxBytes) throws RefusedRequest, IOException {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new RefusedRequest(Refusal.PAYLOAD_TOO_LARGE, "The body exceeds " + maxBytes + " bytes");
        }
        return bytes;
    }
}
