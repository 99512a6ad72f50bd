package io.llmwatch.processor.pricing;

import static io.llmwatch.processor.pricing.PriceCalculationTest.priced;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmwatch.processor.pricing.usage.TokenUsage;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Prices that start at a date or apply at times of day, evaluated at the call's timestamp in UTC. */
class ConditionalPriceTest {

    private static final TokenUsage MILLION_IN = TokenUsage.builder().inputTokens(1_000_000).build();

    @Test
    void aStartDatePriceAppliesFromMidnightUtcOfThatDate() {
        // OpenAI cut o3 from $10 to $2 per million input tokens on 2025-06-10.
        PriceCatalog catalog = PriceCatalog.bundled();

        assertThat(inputPrice(catalog, "openai", "o3", "2025-06-09T23:59:59.999Z")).isEqualByComparingTo("10");
        assertThat(inputPrice(catalog, "openai", "o3", "2025-06-10T00:00:00Z")).isEqualByComparingTo("2");
    }

    @Test
    void aTimeOfDayPriceAppliesFromItsStartUpToButExcludingItsEnd() {
        // DeepSeek's standard price runs 00:30-16:30 UTC; the first (off-peak) price applies otherwise.
        PriceCatalog catalog = PriceCatalog.bundled();

        assertThat(inputPrice(catalog, "deepseek", "deepseek-chat", "2025-11-06T00:29:59.999Z"))
                .isEqualByComparingTo("0.135");
        assertThat(inputPrice(catalog, "deepseek", "deepseek-chat", "2025-11-06T00:30:00Z"))
                .isEqualByComparingTo("0.27");
        assertThat(inputPrice(catalog, "deepseek", "deepseek-chat", "2025-11-06T16:29:59Z"))
                .isEqualByComparingTo("0.27");
        assertThat(inputPrice(catalog, "deepseek", "deepseek-chat", "2025-11-06T16:30:00Z"))
                .isEqualByComparingTo("0.135");
    }

    @Test
    void theLastActiveConditionalPriceWinsAndTheFirstAppliesWhenNoneIs() {
        PriceCatalog catalog = InlineCatalog.withModelPrices("""
                [{"constraint": {"start_date": "2030-01-01"}, "prices": {"input_mtok": 1}},
                 {"constraint": {"start_date": "2026-01-01"}, "prices": {"input_mtok": 2}},
                 {"constraint": {"start_date": "2027-01-01"}, "prices": {"input_mtok": 3}}]""");

        assertThat(inputPrice(catalog, "acme", "acme-1", "2025-06-01T00:00:00Z")).isEqualByComparingTo("1");
        assertThat(inputPrice(catalog, "acme", "acme-1", "2026-06-01T00:00:00Z")).isEqualByComparingTo("2");
        assertThat(inputPrice(catalog, "acme", "acme-1", "2031-06-01T00:00:00Z")).isEqualByComparingTo("3");
    }

    @Test
    void timesOfDayWithAnOffsetAreComparedAsInstants() {
        PriceCatalog catalog = InlineCatalog.withModelPrices("""
                [{"prices": {"input_mtok": 1}},
                 {"constraint": {"start_time": "09:00:00+02:00", "end_time": "17:00:00+02:00"},
                  "prices": {"input_mtok": 2}}]""");

        assertThat(inputPrice(catalog, "acme", "acme-1", "2025-11-06T06:59:59Z")).isEqualByComparingTo("1");
        assertThat(inputPrice(catalog, "acme", "acme-1", "2025-11-06T07:00:00Z")).isEqualByComparingTo("2");
        assertThat(inputPrice(catalog, "acme", "acme-1", "2025-11-06T15:00:00Z")).isEqualByComparingTo("1");
    }

    private static BigDecimal inputPrice(PriceCatalog catalog, String provider, String model, String timestamp) {
        return priced(catalog.price(provider, model, Instant.parse(timestamp), MILLION_IN)).inputPrice();
    }
}
