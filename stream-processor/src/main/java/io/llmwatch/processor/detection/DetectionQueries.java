package io.llmwatch.processor.detection;

import io.llmwatch.processor.detection.budget.BudgetBook;
import io.llmwatch.processor.detection.budget.BudgetDefinition;
import io.llmwatch.processor.detection.budget.BudgetState;
import io.llmwatch.processor.detection.budget.BudgetStatus;
import io.llmwatch.processor.detection.drift.PromptDrift;
import io.llmwatch.processor.detection.drift.PromptDriftDetector;
import io.llmwatch.processor.detection.drift.PromptDriftState;
import io.llmwatch.processor.detection.signal.SignalRoute;
import io.llmwatch.schemas.budget.BudgetEntry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads what the detectors of this instance hold: prompt drift reports and budget spend. */
public final class DetectionQueries {

    private final KafkaStreams streams;
    private final DetectionSettings settings;

    public DetectionQueries(KafkaStreams streams, DetectionSettings settings) {
        this.streams = streams;
        this.settings = settings;
    }

    /** The store key (and partitioning key) of a prompt's drift state. */
    public static String driftKey(String promptName) {
        return SignalRoute.PROMPT.key(promptName);
    }

    /** The store key (and partitioning key) of a budget key's spend. */
    public static String budgetKey(String budgetKey) {
        return SignalRoute.COST.key(budgetKey);
    }

    public Optional<PromptDrift> drift(String promptName, int partition) {
        PromptDriftState state = this.<PromptDriftState>store(DetectionTopology.DRIFT_STORE, partition)
                .get(driftKey(promptName));
        return Optional.ofNullable(state).map(new PromptDriftDetector(settings.drift())::report);
    }

    /** Every budget: the published ones (every instance holds them all) over the configured ones. */
    public List<BudgetDefinition> budgets() {
        Map<String, BudgetDefinition> budgets = new LinkedHashMap<>();
        settings.budgets().forEach(budget -> budgets.put(budget.key(), budget));
        ReadOnlyKeyValueStore<String, BudgetEntry> published = streams.store(StoreQueryParameters.fromNameAndType(
                DetectionTopology.BUDGETS_STORE, QueryableStoreTypes.keyValueStore()));
        try (KeyValueIterator<String, BudgetEntry> all = published.all()) {
            all.forEachRemaining(entry -> {
                try {
                    budgets.put(entry.key, BudgetBook.definition(entry.value));
                } catch (IllegalArgumentException unusable) {
                    // The detector ignores it too; the configured budget of the key, if any, stays in force.
                }
            });
        }
        return new ArrayList<>(budgets.values());
    }

    public Optional<BudgetStatus> budget(String key, int partition, long nowMillis) {
        Optional<BudgetDefinition> budget = budgets().stream().filter(b -> b.key().equals(key)).findFirst();
        return budget.map(definition -> BudgetStatus.of(definition,
                this.<BudgetState>store(DetectionTopology.BUDGET_SPEND_STORE, partition).get(budgetKey(key)), nowMillis));
    }

    private <S> ReadOnlyKeyValueStore<String, S> store(String name, int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, S>keyValueStore())
                .withPartition(partition));
    }
}
