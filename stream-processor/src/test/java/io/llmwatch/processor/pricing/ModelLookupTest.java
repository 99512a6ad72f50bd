package io.llmwatch.processor.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmwatch.processor.pricing.usage.TokenUsage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Finding provider and model the way genai-prices does, on the bundled catalogue and on purpose-built ones. */
class ModelLookupTest {

    private static final PriceCatalog BUNDLED = PriceCatalog.bundled();

    @Test
    void findsAProviderByIdIgnoringCaseAndSurroundingSpaces() {
        assertThat(BUNDLED.lookup("  OpenAI ", "GPT-4O")).contains(new ModelMatch("openai", "gpt-4o"));
    }

    @Test
    void findsAProviderByItsProviderMatchRule() {
        assertThat(BUNDLED.lookup("amazon-bedrock", "anthropic.claude-3-5-sonnet-20240620-v1:0"))
                .contains(new ModelMatch("aws", "regional.anthropic.claude-3-5-sonnet-20240620-v1:0"));
        assertThat(BUNDLED.lookup("google-vertex", "gemini-2.5-flash"))
                .contains(new ModelMatch("google", "gemini-2.5-flash"));
        assertThat(BUNDLED.lookup("xai", "grok-4")).contains(new ModelMatch("x-ai", "grok-4-0709"));
    }

    @Test
    void findsDatedSnapshotsThroughTheModelsMatchRule() {
        assertThat(BUNDLED.lookup("openai", "gpt-4o-2024-08-06")).contains(new ModelMatch("openai", "gpt-4o"));
    }

    @Test
    void fallsBackToTheModelsOfProvidersAProviderResells() {
        assertThat(BUNDLED.lookup("azure", "chatgpt-4o-latest"))
                .contains(new ModelMatch("azure", "chatgpt-4o-latest"));
        assertThat(BUNDLED.lookup("google", "claude-2")).contains(new ModelMatch("google", "claude-2"));
    }

    @Test
    void prefersAProvidersOwnModelOverAFallbackProvidersOne() {
        PriceCatalog catalog = InlineCatalog.of("""
                [{"id": "reseller", "name": "R", "api_pattern": "r", "fallback_model_providers": ["maker"],
                  "models": [{"id": "own-m", "match": {"equals": "m"}, "prices": {"input_mtok": 2}}]},
                 {"id": "maker", "name": "M", "api_pattern": "m",
                  "models": [{"id": "m", "match": {"equals": "m"}, "prices": {"input_mtok": 1}},
                             {"id": "n", "match": {"equals": "n"}, "prices": {"input_mtok": 1}}]}]
                """);

        assertThat(catalog.lookup("reseller", "m")).contains(new ModelMatch("reseller", "own-m"));
        assertThat(catalog.lookup("reseller", "n")).contains(new ModelMatch("reseller", "n"));
    }

    @Test
    void fallsBackOneStepOnly() {
        PriceCatalog catalog = InlineCatalog.of("""
                [{"id": "a", "name": "A", "api_pattern": "a", "fallback_model_providers": ["b"], "models": []},
                 {"id": "b", "name": "B", "api_pattern": "b", "fallback_model_providers": ["c"], "models": []},
                 {"id": "c", "name": "C", "api_pattern": "c",
                  "models": [{"id": "m", "match": {"equals": "m"}, "prices": {"input_mtok": 1}}]}]
                """);

        assertThat(catalog.lookup("b", "m")).isPresent();
        assertThat(catalog.lookup("a", "m")).isEmpty();
    }

    @Test
    void theFirstMatchingModelInCatalogueOrderWins() {
        PriceCatalog catalog = InlineCatalog.of("""
                [{"id": "p", "name": "P", "api_pattern": "p",
                  "models": [{"id": "mini", "match": {"starts_with": "model-mini"}, "prices": {"input_mtok": 1}},
                             {"id": "any", "match": {"starts_with": "model"}, "prices": {"input_mtok": 2}}]}]
                """);

        assertThat(catalog.lookup("p", "Model-Mini-2025")).contains(new ModelMatch("p", "mini"));
        assertThat(catalog.lookup("p", "model-max")).contains(new ModelMatch("p", "any"));
    }

    @Test
    void unwrapsLiteLlmProviderPrefixes() {
        assertThat(BUNDLED.lookup("litellm", "openai/gpt-4o")).contains(new ModelMatch("openai", "gpt-4o"));
    }

    @Test
    void findsTheProviderOfALiteLlmModelWithoutPrefixFromTheModelName() {
        assertThat(BUNDLED.lookup("LiteLLM", "gpt-4o-mini")).contains(new ModelMatch("openai", "gpt-4o-mini"));
        assertThat(BUNDLED.lookup("litellm", "nosuch/whatever")).isEmpty();
    }

    @Test
    void anUnknownProviderOrModelIsReportedWithTheReason() {
        TokenUsage usage = TokenUsage.builder().inputTokens(1).build();
        Instant now = Instant.parse("2025-11-06T12:00:00Z");

        assertThat(BUNDLED.price("modal", "llama", now, usage))
                .isEqualTo(new UnknownModel("modal", "llama", "unknown provider 'modal'"));
        assertThat(BUNDLED.price("openai", "GPT-9", now, usage))
                .isEqualTo(new UnknownModel("openai", "GPT-9", "provider openai has no model matching 'gpt-9'"));
    }

    @Test
    void theBundledCatalogueIsReadOnce() {
        assertThat(PriceCatalog.bundled()).isSameAs(BUNDLED);
    }
}
