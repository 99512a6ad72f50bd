package io.llmwatch.processor.detection.budget;

import io.llmwatch.processor.detection.KeyedDetector;
import io.llmwatch.processor.detection.lifecycle.DetectorStep;
import io.llmwatch.processor.detection.signal.CallSignal;
import io.llmwatch.processor.detection.signal.DetectorKey;
import io.llmwatch.schemas.budget.BudgetEntry;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link BudgetRule} per cost key that has a budget; keys without one keep no state. */
public final class BudgetWatch implements KeyedDetector<BudgetState> {

    private final BudgetRule rule = new BudgetRule();
    private final List<BudgetDefinition> configured;
    private final String budgetsStore;
    private BudgetBook book;

    public BudgetWatch(List<BudgetDefinition> configured, String budgetsStore) {
        this.configured = List.copyOf(configured);
        this.budgetsStore = budgetsStore;
    }

    @Override
    public void init(ProcessorContext<?, ?> context) {
        ReadOnlyKeyValueStore<String, BudgetEntry> published = context.getStateStore(budgetsStore);
        book = new BudgetBook(configured, published);
    }

    @Override
    public void observe(String detectorKey, CallSignal signal, States<BudgetState> states, Verdicts verdicts) {
        Optional<BudgetDefinition> budget = book.find(detectorKey);
        if (budget.isEmpty()) {
            return;
        }
        DetectorStep<BudgetState> step = rule.step(states.get(""), budget.get(),
                new Spend(signal.sample().eventTimeMillis(), signal.sample().traceId(), signal.sample().costUsd()));
        states.put("", step.state());
        DetectorKey key = DetectorKey.parse(detectorKey);
        step.verdicts().forEach(verdict -> verdicts.add(verdict, key.dimension(), key.value(), Map.of()));
    }
}
