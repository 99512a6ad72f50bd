package io.llmwatch.processor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.llmwatch.processor.serde.JsonSerde;

import java.io.UncheckedIOException;
import java.util.Map;

/**
 * What the API answers: a status and a JSON body, plus {@code Retry-After} (seconds) when the
 * answer is "not now".
 *
 * @param retryAfter {@code null} unless the client should retry later
 */
public record ApiResponse(int status, String json, String retryAfter) {

    private static final String RETRY_AFTER_SECONDS = "1";

    public static ApiResponse ok(Object body) {
        return of(200, body);
    }

    public static ApiResponse of(int status, Object body) {
        return new ApiResponse(status, toJson(body), null);
    }

    public static ApiResponse error(int status, String message) {
        return of(status, Map.of("error", message));
    }

    /** 503: the state is moving (start-up, rebalance, an instance down) and will be back shortly. */
    public static ApiResponse unavailable(String reason) {
        return new ApiResponse(503, toJson(Map.of("error", reason)), RETRY_AFTER_SECONDS);
    }

    /** An answer as another instance gave it, or a document served as it is. */
    public static ApiResponse raw(int status, String json, String retryAfter) {
        return new ApiResponse(status, json, retryAfter);
    }

    private static String toJson(Object body) {
        try {
            return JsonSerde.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the response as JSON", e);
        }
    }
}
