package io.llmwatch.processor.prompt;

import io.llmwatch.processor.topology.WindowSpec;
import io.llmwatch.processor.batching.Batch;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Adds each quality score, a call's agent-side score or a feedback score, to its version's tally of the
 * window of each size its time falls in: quality over time per prompt version. A score counts at the
 * time it was given (a call's end, a feedback event's time), which for feedback can be well after the
 * call. The stores drop windows older than their retention, so each holds at most retention ÷ size
 * tallies per version.
 */
final class PromptQualityProcessor implements Processor<String, Batch<PromptObservation>, Void, Void> {

    private final List<WindowSpec> windows;
    private final List<WindowStore<String, QualityTally>> stores = new ArrayList<>();

    PromptQualityProcessor(List<WindowSpec> windows) {
        this.windows = List.copyOf(windows);
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        windows.forEach(window -> stores.add(context.getStateStore(PromptVersionAnalytics.qualityStore(window))));
    }

    @Override
    public void process(Record<String, Batch<PromptObservation>> record) {
        if (record.value() != null) {
            record.value().forEach(this::add);
        }
    }

    /** @param timestamp when the score was given: the call's end, or the feedback event's time */
    private void add(PromptObservation observation, long timestamp) {
        Double quality = qualityOf(observation);
        if (quality == null) {
            return;
        }
        String key = PromptVersionAnalytics.key(observation.name(), observation.version());
        for (int i = 0; i < windows.size(); i++) {
            long windowStart = timestamp - Math.floorMod(timestamp, windows.get(i).size().toMillis());
            WindowStore<String, QualityTally> store = stores.get(i);
            QualityTally tally = store.fetch(key, windowStart);
            store.put(key, (tally == null ? QualityTally.EMPTY : tally).plus(quality), windowStart);
        }
    }

    /** The score an observation carries; {@code null} for an unscored call. */
    private static Double qualityOf(PromptObservation observation) {
        if (observation instanceof PromptCall call) {
            return call.quality();
        }
        return observation instanceof PromptFeedback feedback ? feedback.quality() : null;
    }
}
