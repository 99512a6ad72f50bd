package io.llmwatch.agent.usage;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.OptionalLong;

/**
 * Lenient reads from a response body: a missing field, a JSON null or a value of the wrong type is
 * "absent", never an exception, because a provider adding or nulling a field must not break recording.
 */
final class ResponseJson {

    private ResponseJson() {
    }

    /** The whole non-negative count at {@code path} below {@code node}, or empty. */
    static OptionalLong count(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
            return OptionalLong.of(value.longValue());
        }
        return OptionalLong.empty();
    }

    /** The count at {@code path}, or 0 when absent: for the optional breakdowns. */
    static long countOrZero(JsonNode node, String... path) {
        return count(node, path).orElse(0);
    }

    /**
     * Gemini's per-modality breakdowns are arrays of {@code {"modality": "AUDIO", "tokenCount": 12}}: the
     * count of the first item of {@code modality} in the array at {@code arrayField}, or 0.
     */
    static long modalityCount(JsonNode node, String arrayField, String modality) {
        for (JsonNode item : node.path(arrayField)) {
            if (modality.equals(item.path("modality").asText(null))) {
                return countOrZero(item, "tokenCount");
            }
        }
        return 0;
    }

    /** The text at {@code field} of {@code node}, or null when absent or not a string. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.textValue() : null;
    }

    private static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String field : path) {
            current = current.path(field);
        }
        return current;
    }
}
