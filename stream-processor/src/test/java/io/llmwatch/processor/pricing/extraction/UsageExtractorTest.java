package io.llmwatch.processor.pricing.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.processor.pricing.usage.TokenUsage;
import org.junit.jupiter.api.Test;

class UsageExtractorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Anthropic's extractor: cache tokens are added into input_tokens and also counted on their own. */
    private static final String ANTHROPIC = """
            {"api_flavor": "default", "root": "usage", "model_path": "model", "mappings": [
              {"path": "input_tokens", "dest": "input_tokens", "required": true},
              {"path": "cache_creation_input_tokens", "dest": "input_tokens", "required": false},
              {"path": "cache_read_input_tokens", "dest": "input_tokens", "required": false},
              {"path": "cache_creation_input_tokens", "dest": "cache_write_tokens", "required": false},
              {"path": "cache_read_input_tokens", "dest": "cache_read_tokens", "required": false},
              {"path": "output_tokens", "dest": "output_tokens", "required": true}]}""";

    /** Google's extractor reads audio counts out of per-modality arrays. */
    private static final String GOOGLE = """
            {"root": "usageMetadata", "model_path": "modelVersion", "mappings": [
              {"path": "promptTokenCount", "dest": "input_tokens", "required": false},
              {"path": ["promptTokensDetails", {"type": "array-match", "field": "modality",
                        "match": {"equals": "AUDIO"}}, "tokenCount"], "dest": "input_audio_tokens", "required": false},
              {"path": "candidatesTokenCount", "dest": "output_tokens", "required": false},
              {"path": "thoughtsTokenCount", "dest": "output_tokens", "required": false}]}""";

    @Test
    void readsModelAndSumsCountsMappedToTheSameKey() throws JsonProcessingException {
        ExtractedUsage extracted = extractor(ANTHROPIC).extract(json("""
                {"model": "claude-sonnet-4-5", "usage": {"input_tokens": 14, "cache_creation_input_tokens": 100,
                 "cache_read_input_tokens": 0, "output_tokens": 65}}"""));

        assertThat(extracted.modelName()).contains("claude-sonnet-4-5");
        assertThat(extracted.usage()).isEqualTo(TokenUsage.builder()
                .inputTokens(114).cacheWriteTokens(100).cacheReadTokens(0).outputTokens(65).build());
    }

    @Test
    void findsArrayItemsByAMatchingField() throws JsonProcessingException {
        ExtractedUsage extracted = extractor(GOOGLE).extract(json("""
                {"modelVersion": "gemini-2.5-flash", "usageMetadata": {"promptTokenCount": 120,
                 "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 100}, {"modality": "AUDIO", "tokenCount": 20}],
                 "candidatesTokenCount": 30, "thoughtsTokenCount": 12}}"""));

        assertThat(extracted.usage()).isEqualTo(TokenUsage.builder()
                .inputTokens(120).inputAudioTokens(20).outputTokens(42).build());
    }

    @Test
    void optionalCountsThatAreAbsentOrUnmatchedAreLeftOut() throws JsonProcessingException {
        ExtractedUsage extracted = extractor(GOOGLE).extract(json("""
                {"usageMetadata": {"promptTokenCount": 5, "promptTokensDetails": [{"modality": "TEXT"}]}}"""));

        assertThat(extracted.modelName()).isEmpty();
        assertThat(extracted.usage().reported()).containsOnlyKeys("input_tokens");
    }

    @Test
    void aMissingRequiredCountIsAnErrorNamingItsPlace() {
        assertThatThrownBy(() -> extractor(ANTHROPIC).extract(json("""
                {"model": "claude", "usage": {"input_tokens": 14}}""")))
                .isInstanceOf(UsageExtractionException.class)
                .hasMessage("Missing value at `usage.output_tokens`");
    }

    @Test
    void aMissingOrMalformedUsageObjectIsAnError() {
        assertThatThrownBy(() -> extractor(ANTHROPIC).extract(json("{\"model\": \"claude\"}")))
                .isInstanceOf(UsageExtractionException.class)
                .hasMessage("Missing value at `usage`");
        assertThatThrownBy(() -> extractor(ANTHROPIC).extract(json("{\"usage\": null}")))
                .isInstanceOf(UsageExtractionException.class)
                .hasMessage("Expected `usage` to be an object, got null");
        assertThatThrownBy(() -> extractor(ANTHROPIC).extract(json("[1, 2]")))
                .isInstanceOf(UsageExtractionException.class)
                .hasMessage("Expected the response body to be an object, got array");
    }

    @Test
    void aRequiredCountMustBeAWholeNonNegativeNumber() {
        assertThatThrownBy(() -> extractor(ANTHROPIC).extract(json("""
                {"usage": {"input_tokens": "14", "output_tokens": 1}}""")))
                .isInstanceOf(UsageExtractionException.class)
                .hasMessage("Expected `usage.input_tokens` to be a number, got string");
        assertThatThrownBy(() -> extractor(ANTHROPIC).extract(json("""
                {"usage": {"input_tokens": 1.5, "output_tokens": 1}}""")))
                .isInstanceOf(UsageExtractionException.class)
                .hasMessage("Expected `usage.input_tokens` to be a whole non-negative count, got 1.5");
    }

    @Test
    void aUsageObjectWithoutAnyMappedCountIsAnError() {
        assertThatThrownBy(() -> extractor(GOOGLE).extract(json("{\"usageMetadata\": {\"totalTokenCount\": 5}}")))
                .isInstanceOf(UsageExtractionException.class)
                .hasMessage("No usage information found at `usageMetadata`");
    }

    @Test
    void mappingsIntoUsageKeysThisBuildDoesNotKnowAreIgnored() throws JsonProcessingException {
        UsageExtractor extractor = extractor("""
                {"root": "usage", "mappings": [{"path": "a", "dest": "input_tokens"},
                                               {"path": "b", "dest": "hologram_tokens"}]}""");

        assertThat(extractor.apiFlavor()).isEqualTo(UsageExtractor.DEFAULT_FLAVOR);
        assertThat(extractor.mappings()).extracting(UsageMapping::usageKey).containsExactly("input_tokens");
        assertThat(extractor.modelPath()).hasToString("model");
    }

    private static UsageExtractor extractor(String json) throws JsonProcessingException {
        return UsageExtractor.fromJson(json(json));
    }

    private static JsonNode json(String json) throws JsonProcessingException {
        return JSON.readTree(json);
    }
}
