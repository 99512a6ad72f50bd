package io.llmwatch.processor.detection;

import io.llmwatch.schemas.budget.BudgetEntry;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global budgets store in step with the compacted budgets topic; a tombstone removes a budget. */
final class BudgetUpdateProcessor implements Processor<String, BudgetEntry, Void, Void> {

    private final String storeName;
    private KeyValueStore<String, BudgetEntry> budgets;

    BudgetUpdateProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        budgets = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, BudgetEntry> record) {
        if (record.value() == null) {
            budgets.delete(record.key());
        } else {
            budgets.put(record.key(), record.value());
        }
    }
}
