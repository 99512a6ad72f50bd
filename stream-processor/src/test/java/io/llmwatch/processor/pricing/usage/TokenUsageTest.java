package io.llmwatch.processor.pricing.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenUsageTest {

    private static final UnitRegistry UNITS = UnitRegistry.standard();

    @Test
    void aMapAndTheBuilderMakeEqualUsages() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("input_tokens", 14L);
        counts.put("cache_read_tokens", 4L);
        counts.put("output_tokens", 65L);

        TokenUsage built = TokenUsage.builder().inputTokens(14).cacheReadTokens(4).outputTokens(65).build();

        assertThat(TokenUsage.of(counts)).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(built.reported()).containsExactlyEntriesOf(counts);
    }

    @Test
    void acceptsEveryReportableUsageKeyOfTheRegistry() {
        TokenUsage.Builder builder = TokenUsage.builder();
        UNITS.reportableUsageKeys().forEach(usageKey -> builder.put(usageKey, 1L));

        assertThat(builder.build().reported()).hasSize(UNITS.reportableUsageKeys().size())
                .containsKeys("output_reasoning_tokens", "input_text_tool_tokens", "cache_write_1h_tokens");
    }

    @Test
    void rejectsUnknownKeysAndNegativeCounts() {
        assertThatThrownBy(() -> TokenUsage.of(Map.of("prompt_tokens", 1L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown usage key 'prompt_tokens', expected one of input_tokens, ");
        assertThatThrownBy(() -> TokenUsage.of(Map.of("requests", 1L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown usage key 'requests'");
        assertThatThrownBy(() -> TokenUsage.builder().outputTokens(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("usage count for output_tokens must be a non-negative number, got -1");
    }

    @Test
    void anUnreportedCountIsZeroWhenNoneOfItsPartsWasReported() {
        TokenUsage usage = TokenUsage.builder().inputTokens(10).build();

        assertThat(usage.count(unit("cache_read_tokens"))).isZero();
        assertThat(usage.count(unit("input_tokens"))).isEqualTo(10);
    }

    @Test
    void anUnreportedCountWithReportedPartsIsUnknown() {
        TokenUsage usage = TokenUsage.builder().cacheReadTokens(3).inputAudioTokens(2).build();

        assertThatThrownBy(() -> usage.count(unit("input_tokens")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Missing usage for input_tokens: reported descendant usage keys cache_read_tokens,"
                        + " input_audio_tokens require explicit input_tokens");
        assertThatThrownBy(() -> usage.count(unit("cache_audio_read_tokens")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Missing usage for cache_audio_read_tokens: reported overlapping usage keys"
                        + " cache_read_tokens, input_audio_tokens require explicit cache_audio_read_tokens");
    }

    @Test
    void partsReportedAsZeroDoNotMakeACountUnknown() {
        TokenUsage usage = TokenUsage.builder().cacheReadTokens(0).build();

        assertThat(usage.count(unit("input_tokens"))).isZero();
    }

    private static UsageUnit unit(String usageKey) {
        return UNITS.unitForUsageKey(usageKey).orElseThrow();
    }
}
