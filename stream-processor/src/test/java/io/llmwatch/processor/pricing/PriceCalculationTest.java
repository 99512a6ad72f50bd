package io.llmwatch.processor.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmwatch.processor.pricing.usage.TokenUsage;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PriceCalculationTest {

    private static final Instant NOW = Instant.parse("2025-11-06T12:00:00Z");

    @Test
    void cacheTokensCountedInInputTokensArePricedAtTheirOwnRates() {
        PriceCatalog catalog = InlineCatalog.withModelPrices("""
                {"input_mtok": 3, "cache_write_mtok": 3.75, "cache_read_mtok": 0.3, "output_mtok": 15}""");
        TokenUsage usage = TokenUsage.builder()
                .inputTokens(1_000).cacheWriteTokens(200).cacheReadTokens(300).outputTokens(100).build();

        CostBreakdown cost = priced(catalog.price("acme", "acme-1", NOW, usage));

        // 500 uncached × $3 + 200 written × $3.75 + 300 read × $0.3, per million
        assertThat(cost.inputPrice()).isEqualByComparingTo("0.00234");
        assertThat(cost.outputPrice()).isEqualByComparingTo("0.0015");
        assertThat(cost.totalPrice()).isEqualByComparingTo("0.00384");
    }

    @Test
    void partsWithoutAPriceOfTheirOwnPayTheRateOfWhatTheyArePartOf() {
        PriceCatalog catalog = InlineCatalog.withModelPrices("""
                {"input_mtok": 3, "output_mtok": 15}""");
        TokenUsage usage = TokenUsage.builder().inputTokens(1_000).cacheReadTokens(300).outputTokens(0).build();

        assertThat(priced(catalog.price("acme", "acme-1", NOW, usage)).inputPrice()).isEqualByComparingTo("0.003");
    }

    @Test
    void audioAndCachedAudioAreTakenOutOfTextCountsOnce() {
        PriceCatalog catalog = InlineCatalog.withModelPrices("""
                {"input_mtok": 2.5, "cache_read_mtok": 1.25, "input_audio_mtok": 40, "cache_audio_read_mtok": 2.5,
                 "output_mtok": 10, "output_audio_mtok": 80}""");
        TokenUsage usage = TokenUsage.builder()
                .inputTokens(1_000).cacheReadTokens(400).inputAudioTokens(300).cacheAudioReadTokens(100)
                .outputTokens(500).outputAudioTokens(200).build();

        CostBreakdown cost = priced(catalog.price("acme", "acme-1", NOW, usage));

        // input: 400 text × 2.5 + 300 cached text × 1.25 + 200 audio × 40 + 100 cached audio × 2.5
        assertThat(cost.inputPrice()).isEqualByComparingTo("0.009625");
        // output: 300 text × 10 + 200 audio × 80
        assertThat(cost.outputPrice()).isEqualByComparingTo("0.019");
    }

    @Test
    void aTierAppliesToEveryTokenOnceTotalInputTokensExceedItsStart() {
        PriceCatalog catalog = InlineCatalog.withModelPrices("""
                {"input_mtok": {"base": 3, "tiers": [{"start": 200000, "price": 6}]},
                 "cache_read_mtok": {"base": 0.3, "tiers": [{"start": 200000, "price": 0.6}]},
                 "output_mtok": {"base": 15, "tiers": [{"start": 200000, "price": 22.5}]}}""");

        CostBreakdown atThreshold = priced(catalog.price("acme", "acme-1", NOW,
                TokenUsage.builder().inputTokens(200_000).outputTokens(1_000).build()));
        CostBreakdown pastThreshold = priced(catalog.price("acme", "acme-1", NOW,
                TokenUsage.builder().inputTokens(200_001).cacheReadTokens(100_000).outputTokens(1_000).build()));

        assertThat(atThreshold.inputPrice()).isEqualByComparingTo("0.6");
        assertThat(atThreshold.outputPrice()).isEqualByComparingTo("0.015");
        // cached tokens count towards the threshold, and tier rates apply to all tokens, output included:
        // 100,001 uncached × $6 + 100,000 cached × $0.6, per million
        assertThat(pastThreshold.inputPrice()).isEqualByComparingTo("0.660006");
        assertThat(pastThreshold.outputPrice()).isEqualByComparingTo("0.0225");
    }

    @Test
    void theHighestTierPassedApplies() {
        PriceCatalog catalog = InlineCatalog.withModelPrices("""
                {"input_mtok": {"base": 1, "tiers": [{"start": 1000, "price": 3}, {"start": 100, "price": 2}]}}""");

        assertThat(inputPrice(catalog, 100)).isEqualByComparingTo("0.0001");
        assertThat(inputPrice(catalog, 101)).isEqualByComparingTo("0.000202");
        assertThat(inputPrice(catalog, 1001)).isEqualByComparingTo("0.003003");
    }

    @Test
    void aRequestPriceIsChargedOncePerCallAndCountsTowardsTheTotalOnly() {
        PriceCatalog catalog = InlineCatalog.withModelPrices("""
                {"input_mtok": 1, "output_mtok": 1, "requests_kcount": 12}""");

        CostBreakdown cost = priced(catalog.price("acme", "acme-1", NOW,
                TokenUsage.builder().inputTokens(1_000).outputTokens(2_000).build()));

        assertThat(cost.inputPrice()).isEqualByComparingTo("0.001");
        assertThat(cost.outputPrice()).isEqualByComparingTo("0.002");
        assertThat(cost.totalPrice()).isEqualByComparingTo("0.015");
    }

    @Test
    void amountsAreExactDecimals() {
        PriceCatalog catalog = InlineCatalog.withModelPrices("""
                {"input_mtok": 0.075, "output_mtok": 0.3}""");

        CostBreakdown cost = priced(catalog.price("acme", "acme-1", NOW,
                TokenUsage.builder().inputTokens(7).outputTokens(3).build()));

        assertThat(cost.inputPrice()).isEqualTo(new BigDecimal("0.000000525"));
        assertThat(cost.totalPrice()).isEqualByComparingTo("0.000001425");
    }

    @Test
    void morePartsThanTheWholeIsInvalidUsage() {
        PriceCatalog catalog = InlineCatalog.withModelPrices("""
                {"input_mtok": 3, "cache_read_mtok": 0.3}""");
        TokenUsage usage = TokenUsage.builder().inputTokens(5).cacheReadTokens(10).build();

        assertThatThrownBy(() -> catalog.price("acme", "acme-1", NOW, usage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid usage data: cache_read_tokens (10) cannot exceed input_tokens (5)");
    }

    @Test
    void partsWithoutTheirWholeCannotBePricedByTheWhole() {
        PriceCatalog catalog = InlineCatalog.withModelPrices("""
                {"input_mtok": 3}""");
        TokenUsage usage = TokenUsage.builder().cacheReadTokens(10).build();

        assertThatThrownBy(() -> catalog.price("acme", "acme-1", NOW, usage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Missing usage for input_tokens")
                .hasMessageContaining("cache_read_tokens");
    }

    @Test
    void aCatalogueMayNotPriceAPartWithoutItsWhole() {
        assertThatThrownBy(() -> InlineCatalog.withModelPrices("""
                {"cache_read_mtok": 0.3, "output_mtok": 15}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("provider 'acme': model 'acme-1': cache_read_mtok is priced but not input_mtok,"
                        + " which it is part of");
    }

    @Test
    void aCatalogueMayNotPriceTwoOverlappingPartsWithoutTheirOverlap() {
        assertThatThrownBy(() -> InlineCatalog.withModelPrices("""
                {"input_mtok": 1, "cache_read_mtok": 0.5, "input_audio_mtok": 4}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cache_read_mtok and input_audio_mtok are priced but their overlap"
                        + " cache_audio_read_mtok is not");
    }

    private static BigDecimal inputPrice(PriceCatalog catalog, long inputTokens) {
        return priced(catalog.price("acme", "acme-1", NOW, TokenUsage.builder().inputTokens(inputTokens).build()))
                .inputPrice();
    }

    static CostBreakdown priced(PriceResult result) {
        assertThat(result).isInstanceOf(CostBreakdown.class);
        return (CostBreakdown) result;
    }
}
