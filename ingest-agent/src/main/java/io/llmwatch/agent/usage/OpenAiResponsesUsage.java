package io.llmwatch.agent.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmwatch.agent.TokenUsage;

import java.util.Optional;
import java.util.OptionalLong;

import static io.llmwatch.agent.usage.ResponseJson.count;
import static io.llmwatch.agent.usage.ResponseJson.countOrZero;
import static io.llmwatch.agent.usage.ResponseJson.text;

/**
 * The OpenAI Responses API ({@code usage.input_tokens}, {@code usage.output_tokens}). Like Chat Completions
 * its totals include the cached and reasoning tokens that its {@code *_tokens_details} objects break out.
 */
final class OpenAiResponsesUsage implements UsageExtractor {

    @Override
    public Optional<ExtractedUsage> extract(JsonNode body) {
        JsonNode usage = body.path("usage");
        OptionalLong input = count(usage, "input_tokens");
        OptionalLong output = count(usage, "output_tokens");
        if (input.isEmpty() || output.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ExtractedUsage(text(body, "model"), TokenUsage.builder()
                .inputTokens(input.getAsLong())
                .cacheReadTokens(countOrZero(usage, "input_tokens_details", "cached_tokens"))
                .cacheWriteTokens(countOrZero(usage, "input_tokens_details", "cache_write_tokens"))
                .outputTokens(output.getAsLong())
                .reasoningTokens(countOrZero(usage, "output_tokens_details", "reasoning_tokens"))
                .build()));
    }
}
