package io.llmwatch.processor.pricing;

import java.time.Instant;
import java.util.Optional;

/** What a provider and model name resolve to in the catalogue. */
sealed interface Resolution {

    /** Where overrides for this name are kept. */
    PriceKey key();

    /** The catalogue's prices at {@code timestamp}; empty for a name the catalogue does not know. */
    Optional<PriceSheet> catalogPricesAt(Instant timestamp);

    /** For operators: what the name resolved to, or why it did not. */
    String explanation();

    /** @param provider the provider the name was looked up for, which may have served the model as a fallback */
    record Found(Provider provider, CatalogModel model) implements Resolution {
        @Override
        public PriceKey key() {
            return new PriceKey(provider.id(), model.id());
        }

        @Override
        public Optional<PriceSheet> catalogPricesAt(Instant timestamp) {
            return Optional.of(model.prices().at(timestamp));
        }

        @Override
        public String explanation() {
            return provider.id() + " model " + model.id();
        }
    }

    record Missing(PriceKey key, String explanation) implements Resolution {
        @Override
        public Optional<PriceSheet> catalogPricesAt(Instant timestamp) {
            return Optional.empty();
        }
    }
}
