package io.llmwatch.processor.pricing;

import io.llmwatch.processor.pricing.matching.MatchClause;
import java.util.Objects;

/**
 * A model of the catalogue.
 *
 * @param id its primary identifier
 * @param match recognises every name a request may use for it (dated snapshots, aliases, …)
 * @param prices its prices over time
 */
record CatalogModel(String id, MatchClause match, PriceSchedule prices) {

    CatalogModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(prices, "prices");
    }
}
