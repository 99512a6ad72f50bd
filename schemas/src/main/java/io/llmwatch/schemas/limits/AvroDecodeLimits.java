package io.llmwatch.schemas.limits;

import org.apache.avro.SystemLimitException;

import java.lang.reflect.Method;

/**
 * Avro allocates a string, bytes or array as large as the length prefix claims before reading it: a
 * 6-byte record claiming a 1.9 GB string exhausts the heap. Avro bounds those lengths by system
 * properties it reads once; this sets llmwatch's bounds (unless the operator set their own) and makes
 * Avro re-read them, whenever Avro's limit class was first touched.
 */
public final class AvroDecodeLimits {

    /** No field of any llmwatch event is near this; a Kafka record is 1 MiB by default. */
    public static final int MAX_STRING_OR_BYTES = 4 * 1024 * 1024;

    /** Generous for tags, scores and finish reasons, which {@link SpanLimits} bounds much lower with a clear reason. */
    public static final int MAX_COLLECTION_ITEMS = 100_000;

    private AvroDecodeLimits() {
    }

    public static void install() {
        setIfAbsent(SystemLimitException.MAX_STRING_LENGTH_PROPERTY, MAX_STRING_OR_BYTES);
        setIfAbsent(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, MAX_STRING_OR_BYTES);
        setIfAbsent(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, MAX_COLLECTION_ITEMS);
        try {
            Method reset = SystemLimitException.class.getDeclaredMethod("resetLimits");
            reset.setAccessible(true);
            reset.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Only reachable if Avro renamed its internals; the properties still apply if Avro had not read them yet.
            org.slf4j.LoggerFactory.getLogger(AvroDecodeLimits.class)
                    .warn("Could not make Avro re-read its decoding limits: {}", e.toString());
        }
    }

    private static void setIfAbsent(String property, int value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(value));
        }
    }
}
