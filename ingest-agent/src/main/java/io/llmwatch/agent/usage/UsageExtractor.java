package io.llmwatch.agent.usage;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * Reads the model and token usage out of one provider API's response body, converting the provider's
 * counting into ours (OpenTelemetry's: input includes cached tokens, output includes reasoning).
 *
 * <p>Implementations never throw, whatever JSON they are given: they run on the application's recording path.
 */
public interface UsageExtractor {

    /**
     * The usage {@code body} reports, or empty when it is not a response of this API (a count the API
     * always sends is missing or is not a whole non-negative number).
     */
    Optional<ExtractedUsage> extract(JsonNode body);
}
