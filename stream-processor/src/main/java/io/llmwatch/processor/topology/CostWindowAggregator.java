package io.llmwatch.processor.topology;

import io.llmwatch.processor.cost.CostAggregate;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds each partial (one {@code dimension|value}, one bucket) into its tumbling window of every size, and forwards
 * the partials some window refuses as late, so they are kept on the late topic and counted instead of vanishing.
 *
 * <p>Kafka Streams' own windowed aggregation rule, decided once for both: the stream time is the largest timestamp
 * seen, and a window whose end is at or before that stream time minus its grace is closed. A processor rather than
 * the DSL's {@code aggregate}, because the window stores are write-behind stores
 * ({@link io.llmwatch.processor.state.WriteBehindWindowStore}): a hot key's window changes with every partial and
 * is serialised once per commit, not once per change.
 */
final class CostWindowAggregator implements Processor<String, CostAggregate, String, CostAggregate> {

    static final String LATE_WINDOWS_HEADER = "llmwatch.late.windows";

    private final List<WindowSpec> windows;
    private final List<WindowStore<String, CostAggregate>> stores = new ArrayList<>();
    private long observedStreamTime = -1;
    private ProcessorContext<String, CostAggregate> context;
    private Sensor lateSamples;

    CostWindowAggregator(List<WindowSpec> windows) {
        this.windows = List.copyOf(windows);
    }

    @Override
    public void init(ProcessorContext<String, CostAggregate> context) {
        this.context = context;
        stores.clear();
        windows.forEach(window -> stores.add(context.getStateStore(window.storeName())));
        this.lateSamples = context.metrics().addRateTotalSensor("llmwatch", "cost-attribution", "late-sample",
                Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, CostAggregate> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        long timestamp = record.timestamp();
        observedStreamTime = Math.max(observedStreamTime, timestamp);
        List<String> refusedBy = new ArrayList<>(0);
        for (int i = 0; i < windows.size(); i++) {
            WindowSpec window = windows.get(i);
            long size = window.size().toMillis();
            long windowStart = timestamp - Math.floorMod(timestamp, size);
            if (windowStart + size <= observedStreamTime - window.grace().toMillis()) {
                refusedBy.add(window.label());
                continue;
            }
            WindowStore<String, CostAggregate> store = stores.get(i);
            CostAggregate total = store.fetch(record.key(), windowStart);
            store.put(record.key(), total == null ? record.value() : total.plus(record.value()), windowStart);
        }
        if (!refusedBy.isEmpty()) {
            lateSamples.record();
            RecordHeaders headers = new RecordHeaders();
            headers.add(LATE_WINDOWS_HEADER, String.join(",", refusedBy).getBytes(StandardCharsets.UTF_8));
            context.forward(record.withHeaders(headers));
        }
    }
}
