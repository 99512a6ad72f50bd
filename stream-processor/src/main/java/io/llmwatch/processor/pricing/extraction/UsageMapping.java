package io.llmwatch.processor.pricing.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Reads one count of a response's usage object into a usage key; counts mapped to the same key are summed, which is
 * how e.g. Anthropic's cache tokens are added into {@code input_tokens}.
 *
 * @param path where the count sits, relative to the extractor's root
 * @param usageKey the usage key it counts towards (genai-prices calls it {@code dest})
 * @param required whether a response without it is malformed
 */
public record UsageMapping(ExtractionPath path, String usageKey, boolean required) {

    public UsageMapping {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(usageKey, "usageKey");
    }

    /** Reads {@code {"path": ..., "dest": "input_tokens", "required": true}}; {@code required} defaults to true. */
    public static UsageMapping fromJson(JsonNode mapping) {
        return new UsageMapping(
                ExtractionPath.fromJson(mapping.required("path")),
                mapping.required("dest").asText(),
                mapping.path("required").asBoolean(true));
    }
}
