package io.llmwatch.processor.pricing;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The price of one unit (say, per million input tokens): flat, or tiered on the request's total input tokens. */
sealed interface UnitPrice {

    /** The rate that applies to a request with {@code totalInputTokens} input tokens (cached ones included). */
    BigDecimal rateFor(long totalInputTokens);

    boolean isTiered();

    record Flat(BigDecimal rate) implements UnitPrice {
        public Flat {
            requireNonNegative(rate, "price");
        }

        @Override
        public BigDecimal rateFor(long totalInputTokens) {
            return rate;
        }

        @Override
        public boolean isTiered() {
            return false;
        }
    }

    /**
     * Cliff pricing as genai-prices applies it: once a request's total input tokens exceed a tier's start, that
     * tier's rate applies to every item of the unit (output tokens included), not just to those past the threshold.
     * Exactly {@code start} input tokens still pay the rate below.
     */
    record Tiered(BigDecimal base, List<Tier> tiers) implements UnitPrice {
        public Tiered {
            requireNonNegative(base, "base price");
            tiers = tiers.stream().sorted(Comparator.comparingLong(Tier::start)).toList();
        }

        @Override
        public BigDecimal rateFor(long totalInputTokens) {
            BigDecimal rate = base;
            for (Tier tier : tiers) {
                if (totalInputTokens > tier.start()) {
                    rate = tier.price();
                }
            }
            return rate;
        }

        @Override
        public boolean isTiered() {
            return true;
        }
    }

    record Tier(long start, BigDecimal price) {
        public Tier {
            if (start < 0) {
                throw new IllegalArgumentException("a price tier cannot start below 0 tokens, got " + start);
            }
            requireNonNegative(price, "tier price");
        }
    }

    private static void requireNonNegative(BigDecimal price, String what) {
        Objects.requireNonNull(price, what);
        if (price.signum() < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + price.toPlainString());
        }
    }
}
