package io.llmwatch.agent.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmwatch.agent.TokenUsage;

import java.util.Optional;
import java.util.stream.Stream;

import static io.llmwatch.agent.usage.ResponseJson.count;
import static io.llmwatch.agent.usage.ResponseJson.countOrZero;
import static io.llmwatch.agent.usage.ResponseJson.modalityCount;
import static io.llmwatch.agent.usage.ResponseJson.text;

/**
 * Google Gemini {@code generateContent} (Gemini API and Vertex AI alike), reporting in {@code usageMetadata}.
 * Gemini counts the prompt of a tool call ({@code toolUsePromptTokenCount}) and the thoughts
 * ({@code thoughtsTokenCount}) beside the prompt and candidate counts, so our totals add them in.
 * Every count is optional, but a response must report at least one of them.
 */
final class GeminiGenerateContentUsage implements UsageExtractor {

    private static final String AUDIO = "AUDIO";
    private static final String IMAGE = "IMAGE";

    @Override
    public Optional<ExtractedUsage> extract(JsonNode body) {
        JsonNode usage = body.path("usageMetadata");
        boolean reportsAnyCount = Stream.of("promptTokenCount", "candidatesTokenCount", "thoughtsTokenCount",
                        "cachedContentTokenCount", "toolUsePromptTokenCount")
                .anyMatch(field -> count(usage, field).isPresent());
        if (!reportsAnyCount) {
            return Optional.empty();
        }
        long thoughts = countOrZero(usage, "thoughtsTokenCount");
        return Optional.of(new ExtractedUsage(text(body, "modelVersion"), TokenUsage.builder()
                .inputTokens(countOrZero(usage, "promptTokenCount") + countOrZero(usage, "toolUsePromptTokenCount"))
                .cacheReadTokens(countOrZero(usage, "cachedContentTokenCount"))
                .inputAudioTokens(modalityCount(usage, "promptTokensDetails", AUDIO)
                        + modalityCount(usage, "toolUsePromptTokensDetails", AUDIO))
                .inputImageTokens(modalityCount(usage, "promptTokensDetails", IMAGE)
                        + modalityCount(usage, "toolUsePromptTokensDetails", IMAGE))
                .cacheAudioReadTokens(modalityCount(usage, "cacheTokensDetails", AUDIO))
                .outputTokens(countOrZero(usage, "candidatesTokenCount") + thoughts)
                .reasoningTokens(thoughts)
                .outputAudioTokens(modalityCount(usage, "candidatesTokensDetails", AUDIO))
                .outputImageTokens(modalityCount(usage, "candidatesTokensDetails", IMAGE))
                .build()));
    }
}
