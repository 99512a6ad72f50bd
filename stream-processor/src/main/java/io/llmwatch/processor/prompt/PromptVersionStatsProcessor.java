package io.llmwatch.processor.prompt;

import io.llmwatch.processor.batching.Batch;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds each call, and each feedback score, to its version's statistics. Input is keyed by prompt name, so all versions of a
 * prompt land in one task and its versions are one prefix scan of one store.
 */
final class PromptVersionStatsProcessor implements Processor<String, Batch<PromptObservation>, Void, Void> {

    private KeyValueStore<String, PromptVersionStats> versions;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        versions = context.getStateStore(PromptVersionAnalytics.STORE);
    }

    @Override
    public void process(Record<String, Batch<PromptObservation>> record) {
        if (record.value() != null) {
            record.value().values().forEach(this::add);
        }
    }

    private void add(PromptObservation observation) {
        String key = PromptVersionAnalytics.key(observation.name(), observation.version());
        PromptVersionStats stats = versions.get(key);
        versions.put(key, (stats == null ? PromptVersionStats.empty(observation.name(), observation.version()) : stats)
                .plus(observation));
    }
}
