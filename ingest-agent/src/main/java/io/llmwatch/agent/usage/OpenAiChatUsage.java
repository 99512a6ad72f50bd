package io.llmwatch.agent.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmwatch.agent.TokenUsage;

import java.util.Optional;
import java.util.OptionalLong;

import static io.llmwatch.agent.usage.ResponseJson.count;
import static io.llmwatch.agent.usage.ResponseJson.countOrZero;
import static io.llmwatch.agent.usage.ResponseJson.text;

/**
 * OpenAI Chat Completions ({@code usage.prompt_tokens}, {@code usage.completion_tokens}), also spoken by
 * many OpenAI-compatible servers. Its totals already follow our convention: {@code prompt_tokens} includes
 * the cached ones and {@code completion_tokens} the reasoning ones, each detailed in a {@code *_details} object.
 */
final class OpenAiChatUsage implements UsageExtractor {

    @Override
    public Optional<ExtractedUsage> extract(JsonNode body) {
        JsonNode usage = body.path("usage");
        OptionalLong prompt = count(usage, "prompt_tokens");
        OptionalLong completion = count(usage, "completion_tokens");
        if (prompt.isEmpty() || completion.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ExtractedUsage(text(body, "model"), TokenUsage.builder()
                .inputTokens(prompt.getAsLong())
                .cacheReadTokens(countOrZero(usage, "prompt_tokens_details", "cached_tokens"))
                .cacheWriteTokens(countOrZero(usage, "prompt_tokens_details", "cache_write_tokens"))
                .inputAudioTokens(countOrZero(usage, "prompt_tokens_details", "audio_tokens"))
                .outputTokens(completion.getAsLong())
                .reasoningTokens(countOrZero(usage, "completion_tokens_details", "reasoning_tokens"))
                .outputAudioTokens(countOrZero(usage, "completion_tokens_details", "audio_tokens"))
                .build()));
    }
}
