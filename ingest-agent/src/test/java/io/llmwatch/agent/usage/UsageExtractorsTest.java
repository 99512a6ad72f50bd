package io.llmwatch.agent.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.agent.TokenUsage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Each API's conversion into our convention; {@link UsageExtractorsSampleTest} checks them on real responses. */
class UsageExtractorsTest {

    @Test
    void openAiChatTotalsAlreadyIncludeCachedAndReasoningTokens() {
        ExtractedUsage extracted = extract("openai", "chat", """
                {"model": "gpt-4o-audio", "usage": {"prompt_tokens": 1200, "completion_tokens": 300,
                 "prompt_tokens_details": {"cached_tokens": 1024, "audio_tokens": 50},
                 "completion_tokens_details": {"reasoning_tokens": 120, "audio_tokens": 30}}}""");

        assertThat(extracted.model()).contains("gpt-4o-audio");
        assertThat(extracted.usage()).isEqualTo(TokenUsage.builder().inputTokens(1200).cacheReadTokens(1024)
                .inputAudioTokens(50).outputTokens(300).reasoningTokens(120).outputAudioTokens(30).build());
    }

    @Test
    void openAiResponsesReadsItsOwnDetailObjects() {
        ExtractedUsage extracted = extract("openai", "responses", """
                {"model": "gpt-5", "usage": {"input_tokens": 9703, "input_tokens_details": {"cached_tokens": 8576},
                 "output_tokens": 638, "output_tokens_details": {"reasoning_tokens": 576}}}""");

        assertThat(extracted.usage()).isEqualTo(TokenUsage.builder().inputTokens(9703).cacheReadTokens(8576)
                .outputTokens(638).reasoningTokens(576).build());
    }

    @Test
    void anthropicCacheTokensAreAddedIntoTheInput() {
        ExtractedUsage extracted = extract("anthropic", "default", """
                {"model": "claude-sonnet-4-5", "usage": {"input_tokens": 14, "cache_creation_input_tokens": 100,
                 "cache_read_input_tokens": 2000, "output_tokens": 65, "output_tokens_details": {"thinking_tokens": 24}}}""");

        assertThat(extracted.usage()).isEqualTo(TokenUsage.builder().inputTokens(2114).cacheWriteTokens(100)
                .cacheReadTokens(2000).outputTokens(65).reasoningTokens(24).build());
    }

    @Test
    void geminiAddsToolPromptsToInputAndThoughtsToOutputAndReadsModalities() {
        ExtractedUsage extracted = extract("google", "default", """
                {"modelVersion": "gemini-2.5-flash", "usageMetadata": {"promptTokenCount": 3297,
                 "toolUsePromptTokenCount": 100, "cachedContentTokenCount": 2918,
                 "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 83}, {"modality": "AUDIO", "tokenCount": 321},
                                         {"modality": "IMAGE", "tokenCount": 1000}],
                 "cacheTokensDetails": [{"modality": "AUDIO", "tokenCount": 284}],
                 "candidatesTokenCount": 55, "thoughtsTokenCount": 95,
                 "candidatesTokensDetails": [{"modality": "IMAGE", "tokenCount": 40}]}}""");

        assertThat(extracted.model()).contains("gemini-2.5-flash");
        assertThat(extracted.usage()).isEqualTo(TokenUsage.builder().inputTokens(3397).cacheReadTokens(2918)
                .inputAudioTokens(321).inputImageTokens(1000).cacheAudioReadTokens(284)
                .outputTokens(150).reasoningTokens(95).outputImageTokens(40).build());
    }

    @Test
    void bedrockConverseAddsCacheTokensIntoTheInputAndNamesNoModel() {
        ExtractedUsage extracted = extract("aws", "default", """
                {"usage": {"inputTokens": 458, "cacheReadInputTokens": 2098, "cacheWriteInputTokens": 10, "outputTokens": 4}}""");

        assertThat(extracted.model()).isEmpty();
        assertThat(extracted.usage()).isEqualTo(TokenUsage.builder().inputTokens(2566).cacheReadTokens(2098)
                .cacheWriteTokens(10).outputTokens(4).build());
    }

    @Test
    void openTelemetryProviderNamesAndABlankFlavourFindTheSameExtractors() {
        assertThat(UsageExtractors.forApi("aws.bedrock", null)).isEqualTo(UsageExtractors.forApi("aws", "default"));
        assertThat(UsageExtractors.forApi("gcp.vertex_ai", " ")).isEqualTo(UsageExtractors.forApi("google", "default"));
        assertThat(UsageExtractors.forApi("OpenAI", "Chat")).isEqualTo(UsageExtractors.forApi("openai", "chat"));
        assertThat(UsageExtractors.forApi("openai", "default")).isEmpty();
        assertThat(UsageExtractors.forApi("cohere", "default")).isEmpty();
    }

    @Test
    void aResponseMissingARequiredCountIsNotRead() {
        assertThat(UsageExtractors.extract("openai", "chat", "{\"usage\": {\"prompt_tokens\": 10}}")).isEmpty();
        assertThat(UsageExtractors.extract("openai", "chat", "{\"usage\": {\"prompt_tokens\": 1.5, \"completion_tokens\": 1}}")).isEmpty();
        assertThat(UsageExtractors.extract("openai", "chat", "{\"usage\": {\"prompt_tokens\": -1, \"completion_tokens\": 1}}")).isEmpty();
        assertThat(UsageExtractors.extract("google", "default", "{\"usageMetadata\": {\"totalTokenCount\": 5}}")).isEmpty();
    }

    @Test
    void malformedOptionalDetailsCountAsAbsent() {
        ExtractedUsage extracted = extract("openai", "chat", """
                {"usage": {"prompt_tokens": 448, "completion_tokens": 38, "prompt_tokens_details": null,
                 "completion_tokens_details": {"reasoning_tokens": "many"}}}""");

        assertThat(extracted.usage()).isEqualTo(TokenUsage.of(448, 38));
        assertThat(extracted.model()).isEmpty();
    }

    @Test
    void noInputMakesAnExtractorThrow() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> oddBodies = List.of(json.readTree("[1, 2]"), json.readTree("\"text\""), json.readTree("null"),
                json.readTree("{\"usage\": [], \"usageMetadata\": 7, \"model\": {}}"),
                json.readTree("{\"usageMetadata\": {\"promptTokenCount\": 1, \"promptTokensDetails\": {\"modality\": \"AUDIO\"}}}"));

        for (UsageExtractors.Api api : UsageExtractors.supportedApis()) {
            for (JsonNode body : oddBodies) {
                assertThatCode(() -> UsageExtractors.extract(api.provider(), api.apiFlavor(), body)).doesNotThrowAnyException();
            }
            assertThatCode(() -> UsageExtractors.extract(api.provider(), api.apiFlavor(), "{\"unterminated")).doesNotThrowAnyException();
        }
    }

    private static ExtractedUsage extract(String provider, String flavor, String json) {
        return UsageExtractors.extract(provider, flavor, json).orElseThrow();
    }
}
