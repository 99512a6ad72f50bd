package io.llmwatch.processor.pricing.updates;

import io.llmwatch.processor.pricing.CostBreakdown;
import io.llmwatch.processor.pricing.PriceCatalog;
import io.llmwatch.processor.pricing.PriceResult;
import io.llmwatch.processor.pricing.usage.TokenUsage;
import io.llmwatch.schemas.price.PriceEntry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Operator price overrides as the processor reads them off the prices topic, written by anyone who may
 * write there: an entry is applied or refused with a reason, a refused entry leaves the prices in force
 * untouched, and an applied one prices calls to a decimal of sane size.
 */
class PriceOverrideFuzzTest {

    private static final PriceCatalog BUNDLED = PriceCatalog.bundled();
    private static final Instant AT = Instant.parse("2025-11-06T12:00:00Z");
    private static final TokenUsage HUGE_USAGE = TokenUsage.of(Map.of("input_tokens", 10_000_000_000L, "output_tokens", 10_000_000_000L));

    @Property(tries = 500)
    void anEntryIsAppliedOrRefusedWithAReasonAndARefusalChangesNothing(@ForAll("entries") PriceEntry entry) {
        PriceBook book = new PriceBook(BUNDLED);
        PriceCatalog before = book.current();
        try {
            book.apply(PriceBook.key(entry.getProvider(), entry.getModel(), entry.getEffectiveFromMillis()), entry);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            assertThat(book.current()).isSameAs(before);
            return;
        }
        PriceResult result = book.current().price(entry.getProvider(), entry.getModel(), AT, HUGE_USAGE);
        if (result instanceof CostBreakdown cost) {
            assertThat(cost.totalPrice().stripTrailingZeros().toPlainString()).hasSizeLessThan(80);
        }
    }

    @Provide
    Arbitrary<PriceEntry> entries() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("openai", "gpt-4o", "", " ", "x".repeat(10_000)),
                Arbitraries.strings().ofMaxLength(30));
        Arbitrary<String> units = Arbitraries.oneOf(Arbitraries.of("input_mtok", "output_mtok", "cache_read_mtok",
                "requests_kcount", "unknown_unit", ""), Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> prices = Arbitraries.oneOf(Arbitraries.of("2.5", "0", "-1", "1E+999999999", "1E-999999999",
                "NaN", "Infinity", "", "0x10", "1".repeat(100), "999999999.99", "1000000001", "0.000000000000000000001"),
                Arbitraries.strings().withChars("0123456789.eE+-").ofMaxLength(24));
        return net.jqwik.api.Combinators.combine(names, names, Arbitraries.maps(units, prices).ofMaxSize(4),
                        prices.injectNull(0.5), Arbitraries.longs())
                .as((provider, model, perMillion, requestPrice, from) -> PriceEntry.newBuilder()
                        .setProvider(provider).setModel(model).setEffectiveFromMillis(from)
                        .setPricesPerMillion(perMillion).setRequestPriceUsd(requestPrice)
                        .setUpdatedAtMillis(0).build());
    }

    @Example
    void anExponentThatWouldRenderAsGigabytesIsRefused() {
        PriceEntry entry = PriceEntry.newBuilder().setProvider("openai").setModel("gpt-4o").setEffectiveFromMillis(0)
                .setPricesPerMillion(Map.of("input_mtok", "1E+999999999")).setUpdatedAtMillis(0).build();

        assertThatThrownBy(() -> PriceBook.validate(entry)).hasMessageContaining("outside the plausible range");
    }
}
