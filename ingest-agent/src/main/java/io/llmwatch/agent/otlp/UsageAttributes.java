package io.llmwatch.agent.otlp;

import io.llmwatch.agent.TokenUsage;

/**
 * Token usage from {@code gen_ai.usage.*} attributes, under the current semantic-convention names and the
 * deprecated ones instrumentations still send (OpenLLMetry's among them).
 */
final class UsageAttributes {

    private UsageAttributes() {
    }

    static TokenUsage read(SpanAttributes attributes) {
        long cacheRead = attributes.count("gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens").orElse(0L);
        long cacheWrite = attributes.count("gen_ai.usage.cache_creation.input_tokens", "gen_ai.usage.cache_creation_input_tokens").orElse(0L);
        long reasoning = attributes.count("gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.reasoning_tokens").orElse(0L);
        long input = attributes.count("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens").orElse(0L);
        long output = attributes.count("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens").orElse(0L);
        // The convention counts cache tokens inside the input and reasoning inside the output. A total
        // smaller than its own part can only be the uncached (or non-reasoning) remainder, as Anthropic's
        // API reports it, so the part is added in rather than the span being dropped as invalid.
        if (cacheRead + cacheWrite > input) {
            input += cacheRead + cacheWrite;
        }
        if (reasoning > output) {
            output += reasoning;
        }
        return TokenUsage.builder()
                .inputTokens(input)
                .cacheReadTokens(cacheRead)
                .cacheWriteTokens(cacheWrite)
                .outputTokens(output)
                .reasoningTokens(reasoning)
                .build();
    }
}
