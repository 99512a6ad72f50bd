package io.llmwatch.agent.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmwatch.agent.TokenUsage;

import java.util.Optional;
import java.util.OptionalLong;

import static io.llmwatch.agent.usage.ResponseJson.count;
import static io.llmwatch.agent.usage.ResponseJson.countOrZero;
import static io.llmwatch.agent.usage.ResponseJson.text;

/**
 * Anthropic Messages. Anthropic's {@code input_tokens} counts only the tokens after the last cache
 * breakpoint; the tokens read from and written to the cache are reported beside it, so our input total
 * is the sum of the three. Thinking tokens, where reported, are part of {@code output_tokens}.
 */
final class AnthropicMessagesUsage implements UsageExtractor {

    @Override
    public Optional<ExtractedUsage> extract(JsonNode body) {
        JsonNode usage = body.path("usage");
        OptionalLong uncachedInput = count(usage, "input_tokens");
        OptionalLong output = count(usage, "output_tokens");
        if (uncachedInput.isEmpty() || output.isEmpty()) {
            return Optional.empty();
        }
        long cacheRead = countOrZero(usage, "cache_read_input_tokens");
        long cacheWrite = countOrZero(usage, "cache_creation_input_tokens");
        return Optional.of(new ExtractedUsage(text(body, "model"), TokenUsage.builder()
                .inputTokens(uncachedInput.getAsLong() + cacheRead + cacheWrite)
                .cacheReadTokens(cacheRead)
                .cacheWriteTokens(cacheWrite)
                .outputTokens(output.getAsLong())
                .reasoningTokens(countOrZero(usage, "output_tokens_details", "thinking_tokens"))
                .build()));
    }
}
