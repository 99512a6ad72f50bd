package io.llmwatch.processor.detection.budget;

import io.llmwatch.schemas.budget.BudgetEntry;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where a key's budget comes from: the compacted budgets topic (a global store, so every instance sees every
 * budget) wins over the budgets configured at start, so an operator can change a cap without a restart.
 */
public final class BudgetBook {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetBook.class);

    private final Map<String, BudgetDefinition> configured;
    private final ReadOnlyKeyValueStore<String, BudgetEntry> published;

    public BudgetBook(List<BudgetDefinition> configured, ReadOnlyKeyValueStore<String, BudgetEntry> published) {
        this.configured = configured.stream().collect(Collectors.toUnmodifiableMap(BudgetDefinition::key,
                Function.identity()));
        this.published = published;
    }

    public Optional<BudgetDefinition> find(String key) {
        BudgetEntry entry = published.get(key);
        if (entry == null) {
            return Optional.ofNullable(configured.get(key));
        }
        try {
            return Optional.of(definition(entry));
        } catch (IllegalArgumentException e) {
            // A bad entry on the topic must not stop the stream; the configured budget, if any, still applies.
            LOG.warn("Ignoring the published budget of {}: {}", key, e.getMessage());
            return Optional.ofNullable(configured.get(key));
        }
    }

    /** A published entry as a definition; throws for an entry that caps nothing or has an unreadable cap. */
    public static BudgetDefinition definition(BudgetEntry entry) {
        return new BudgetDefinition(entry.getKey(), decimal(entry.getHourlyCapUsd()), decimal(entry.getDailyCapUsd()));
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
