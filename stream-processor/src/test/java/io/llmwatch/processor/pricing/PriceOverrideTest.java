package io.llmwatch.processor.pricing;

import static io.llmwatch.processor.pricing.PriceCalculationTest.priced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmwatch.processor.pricing.usage.TokenUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Operator prices that take effect at a point in event time. */
class PriceOverrideTest {

    private static final TokenUsage MILLION_IN = TokenUsage.builder().inputTokens(1_000_000).build();
    private static final Instant JUNE = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant JULY = Instant.parse("2026-07-01T00:00:00Z");

    private final PriceCatalog catalog = InlineCatalog.withModelPrices("""
            {"input_mtok": 3, "cache_read_mtok": 0.3, "output_mtok": 15}""");

    @Test
    void anOverrideAppliesFromItsStartAndTheCatalogueBefore() {
        PriceCatalog overridden = catalog.withOverride("acme", "acme-1", JUNE, Map.of("input_mtok", bd("2")));

        assertThat(inputPrice(overridden, "acme-1", JUNE.minusMillis(1))).isEqualByComparingTo("3");
        assertThat(inputPrice(overridden, "acme-1", JUNE)).isEqualByComparingTo("2");
    }

    @Test
    void theLatestOverrideStartedAtTheTimestampWins() {
        PriceCatalog overridden = catalog
                .withOverride("acme", "acme-1", JULY, Map.of("input_mtok", bd("1")))
                .withOverride("acme", "acme-1", JUNE, Map.of("input_mtok", bd("2")));

        assertThat(inputPrice(overridden, "acme-1", JUNE.plusSeconds(60))).isEqualByComparingTo("2");
        assertThat(inputPrice(overridden, "acme-1", JULY)).isEqualByComparingTo("1");
    }

    @Test
    void anOverrideReplacesTheWholePriceSheet() {
        PriceCatalog overridden = catalog.withOverride("acme", "acme-1", JUNE,
                Map.of("input_mtok", bd("2"), "output_mtok", bd("10")));
        TokenUsage usage = TokenUsage.builder().inputTokens(1_000_000).cacheReadTokens(500_000).build();

        // no cache_read_mtok in the override: cached tokens pay the override's input rate
        assertThat(priced(overridden.price("acme", "acme-1", JULY, usage)).inputPrice()).isEqualByComparingTo("2");
    }

    @Test
    void anOverrideAppliesToEveryNameOfTheModel() {
        PriceCatalog catalog = InlineCatalog.of("""
                [{"id": "p", "name": "P", "api_pattern": "p",
                  "models": [{"id": "m", "match": {"starts_with": "m-"}, "prices": {"input_mtok": 3}}]}]""");

        PriceCatalog overridden = catalog.withOverride("p", "m-2025", JUNE, Map.of("input_mtok", bd("2")));

        assertThat(priced(overridden.price("P", "M-2026", JULY, MILLION_IN)).inputPrice()).isEqualByComparingTo("2");
    }

    @Test
    void aModelUnknownToTheCatalogueIsKnownFromItsOverridesStart() {
        PriceCatalog overridden = catalog.withOverride("acme", "Acme-Next", JUNE, Map.of("input_mtok", bd("5")));

        assertThat(overridden.price("acme", "acme-next", JUNE.minusSeconds(1), MILLION_IN))
                .isInstanceOf(UnknownModel.class);
        assertThat(overridden.price("acme", "ACME-NEXT", JUNE, MILLION_IN))
                .isEqualTo(new CostBreakdown("acme", "acme-next", bd("5"), BigDecimal.ZERO, bd("5")));
    }

    @Test
    void anOverrideLeavesTheCatalogueItCameFromUnchanged() {
        catalog.withOverride("acme", "acme-1", JUNE, Map.of("input_mtok", bd("2")));

        assertThat(inputPrice(catalog, "acme-1", JULY)).isEqualByComparingTo("3");
    }

    @Test
    void anOverrideForOneProviderDoesNotPriceAnother() {
        PriceCatalog overridden = PriceCatalog.bundled()
                .withOverride("openai", "gpt-4o", JUNE, Map.of("input_mtok", bd("1")));

        assertThat(priced(overridden.price("openai", "gpt-4o", JULY, MILLION_IN)).inputPrice())
                .isEqualByComparingTo("1");
        assertThat(priced(overridden.price("azure", "gpt-4o", JULY, MILLION_IN)).inputPrice())
                .isEqualByComparingTo("2.5");
    }

    @Test
    void rejectsUnknownUnitsNegativePricesAndSheetsThatCannotBeApplied() {
        assertThatThrownBy(() -> catalog.withOverride("acme", "acme-1", JUNE, Map.of("input_tokens", bd("1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown price unit 'input_tokens'");
        assertThatThrownBy(() -> catalog.withOverride("acme", "acme-1", JUNE, Map.of("input_mtok", bd("-1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("price must not be negative, got -1");
        assertThatThrownBy(() -> catalog.withOverride("acme", "acme-1", JUNE, Map.of("cache_read_mtok", bd("1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cache_read_mtok is priced but not input_mtok, which it is part of");
        assertThatThrownBy(() -> catalog.withOverride("acme", "acme-1", JUNE, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an override needs at least one price");
    }

    private static BigDecimal inputPrice(PriceCatalog catalog, String model, Instant timestamp) {
        return priced(catalog.price("acme", model, timestamp, MILLION_IN)).inputPrice();
    }

    private static BigDecimal bd(String amount) {
        return new BigDecimal(amount);
    }
}
