package io.llmwatch.agent.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmwatch.agent.TokenUsage;

import java.util.Optional;
import java.util.OptionalLong;

import static io.llmwatch.agent.usage.ResponseJson.count;
import static io.llmwatch.agent.usage.ResponseJson.countOrZero;

/**
 * AWS Bedrock Converse ({@code usage.inputTokens}, {@code usage.outputTokens}). Like Anthropic, Bedrock
 * reports cache reads and writes beside {@code inputTokens}, so they are added in. Converse responses do
 * not name the model: the caller knows it from the request.
 */
final class BedrockConverseUsage implements UsageExtractor {

    @Override
    public Optional<ExtractedUsage> extract(JsonNode body) {
        JsonNode usage = body.path("usage");
        OptionalLong uncachedInput = count(usage, "inputTokens");
        OptionalLong output = count(usage, "outputTokens");
        if (uncachedInput.isEmpty() || output.isEmpty()) {
            return Optional.empty();
        }
        long cacheRead = countOrZero(usage, "cacheReadInputTokens");
        long cacheWrite = countOrZero(usage, "cacheWriteInputTokens");
        return Optional.of(new ExtractedUsage(null, TokenUsage.builder()
                .inputTokens(uncachedInput.getAsLong() + cacheRead + cacheWrite)
                .cacheReadTokens(cacheRead)
                .cacheWriteTokens(cacheWrite)
                .outputTokens(output.getAsLong())
                .build()));
    }
}
