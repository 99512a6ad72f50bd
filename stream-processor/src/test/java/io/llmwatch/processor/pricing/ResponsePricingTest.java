package io.llmwatch.processor.pricing;

import static io.llmwatch.processor.pricing.PriceCalculationTest.priced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmwatch.processor.pricing.extraction.UsageExtractionException;
import io.llmwatch.processor.pricing.usage.TokenUsage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Pricing raw provider responses with the bundled catalogue's extractors. */
class ResponsePricingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PriceCatalog CATALOG = PriceCatalog.bundled();
    private static final Instant NOW = Instant.parse("2025-11-06T12:00:00Z");

    @Test
    void pricesAnOpenAiChatResponseWithCachedAndAudioTokens() throws JsonProcessingException {
        JsonNode body = JSON.readTree("""
                {"model": "gpt-4o-2024-08-06", "usage": {"prompt_tokens": 2000, "completion_tokens": 100,
                 "prompt_tokens_details": {"cached_tokens": 1000, "audio_tokens": 0},
                 "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0}}}""");

        assertThat(CATALOG.extract("openai", "chat", body).usage()).isEqualTo(TokenUsage.builder()
                .inputTokens(2000).cacheReadTokens(1000).inputAudioTokens(0).outputAudioTokens(0).outputTokens(100)
                .build());
        CostBreakdown cost = priced(CATALOG.priceResponse("openai", "chat", NOW, body));
        assertThat(cost.providerId()).isEqualTo("openai");
        assertThat(cost.modelId()).isEqualTo("gpt-4o");
        // 1000 uncached × $2.5 + 1000 cached × $1.25, and 100 out × $10, per million
        assertThat(cost.inputPrice()).isEqualByComparingTo("0.00375");
        assertThat(cost.outputPrice()).isEqualByComparingTo("0.001");
    }

    @Test
    void anUnknownApiFlavourNamesTheProvidersFlavours() throws JsonProcessingException {
        assertThatThrownBy(() -> CATALOG.extract("openai", "assistants", JSON.readTree("{}")))
                .isInstanceOf(UsageExtractionException.class)
                .hasMessage("Unknown api_flavor 'assistants' for provider openai, allowed values: chat, responses,"
                        + " embeddings");
    }

    @Test
    void providersWithoutExtractorsOrUnknownProvidersCannotBeRead() throws JsonProcessingException {
        JsonNode body = JSON.readTree("{\"model\": \"sonar\", \"usage\": {}}");

        assertThatThrownBy(() -> CATALOG.extract("perplexity", "default", body))
                .isInstanceOf(UsageExtractionException.class)
                .hasMessage("provider perplexity defines no usage extractors");
        assertThatThrownBy(() -> CATALOG.extract("modal", "chat", body))
                .isInstanceOf(UsageExtractionException.class)
                .hasMessage("unknown provider 'modal'");
    }

    @Test
    void aResponseWithoutModelCannotBePriced() throws JsonProcessingException {
        JsonNode body = JSON.readTree("{\"usage\": {\"inputTokens\": 10, \"outputTokens\": 2}}");

        assertThat(CATALOG.extract("aws", "default", body).modelName()).isEmpty();
        assertThatThrownBy(() -> CATALOG.priceResponse("aws", "default", NOW, body))
                .isInstanceOf(UsageExtractionException.class)
                .hasMessage("the response body names no model");
    }
}
