package io.llmwatch.agent.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmwatch.agent.TokenUsage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agreement with genai-prices on real responses: for every response of its sample and every API we
 * support, our extractor reads exactly the usage genai-prices read with the same provider and flavour,
 * and refuses exactly the responses genai-prices could not read.
 */
class UsageExtractorsSampleTest {

    /** genai-prices' usage keys, and how each appears in our usage. */
    private static final Map<String, ToLongFunction<TokenUsage>> OUR_COUNTS = Map.of(
            "input_tokens", TokenUsage::inputTokens,
            "cache_read_tokens", TokenUsage::cacheReadTokens,
            "cache_write_tokens", TokenUsage::cacheWriteTokens,
            "output_tokens", TokenUsage::outputTokens,
            "output_reasoning_tokens", TokenUsage::reasoningTokens,
            "input_audio_tokens", TokenUsage::inputAudioTokens,
            "cache_audio_read_tokens", TokenUsage::cacheAudioReadTokens,
            "output_audio_tokens", TokenUsage::outputAudioTokens,
            "input_image_tokens", TokenUsage::inputImageTokens,
            "output_image_tokens", TokenUsage::outputImageTokens);

    /**
     * Breakdowns genai-prices reports that the SpanEvent contract has no field for (text, video and tool
     * modalities). Naming them keeps a new key in the sample from passing unnoticed.
     */
    private static final Set<String> KEYS_WITHOUT_A_FIELD = Set.of("input_text_tokens", "output_text_tokens",
            "input_video_tokens", "input_tool_tokens", "input_text_tool_tokens", "cache_text_read_tokens",
            "cache_video_read_tokens");

    static Stream<GenaiPricesSample.Reading> readings() {
        return GenaiPricesSample.readings(UsageExtractors.supportedApis()).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readings")
    void extractsWhatGenaiPricesExtracts(GenaiPricesSample.Reading reading) {
        Optional<ExtractedUsage> extracted = UsageExtractors.extract(reading.provider(), reading.apiFlavor(), reading.body());

        assertThat(extracted.isPresent()).as("readable").isEqualTo(reading.expected().isPresent());
        if (extracted.isPresent()) {
            JsonNode expected = reading.expected().get();
            Set<String> unknownKeys = new HashSet<>();
            expected.fieldNames().forEachRemaining(unknownKeys::add);
            unknownKeys.removeAll(OUR_COUNTS.keySet());
            assertThat(KEYS_WITHOUT_A_FIELD).containsAll(unknownKeys);
            OUR_COUNTS.forEach((key, ours) -> assertThat(ours.applyAsLong(extracted.get().usage()))
                    .as(key).isEqualTo(expected.path(key).asLong(0)));
            assertThat(extracted.get().model()).isEqualTo(reading.model());
        }
    }
}
