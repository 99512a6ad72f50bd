package io.llmwatch.processor.topology;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Forwards the contributions that the windowed aggregates beside it will refuse as late, so they can be
 * kept on the late topic and counted instead of vanishing. It mirrors Kafka Streams' own rule: the
 * aggregate's stream time is the largest timestamp it has seen, and a record is late for a window
 * whose end is at or before that stream time minus the grace period. Both see the same records in
 * the same order, so both reach the same verdict.
 */
final class LateSampleRouter<V> implements Processor<String, V, String, V> {

    static final String LATE_WINDOWS_HEADER = "llmwatch.late.windows";

    private final List<WindowSpec> windows;
    private long observedStreamTime = -1;
    private ProcessorContext<String, V> context;
    private Sensor lateSamples;

    LateSampleRouter(List<WindowSpec> windows) {
        this.windows = List.copyOf(windows);
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        this.lateSamples = context.metrics().addRateTotalSensor("llmwatch", "cost-attribution", "late-sample",
                Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, V> record) {
        observedStreamTime = Math.max(observedStreamTime, record.timestamp());
        String refusedBy = windows.stream()
                .filter(window -> isLate(record.timestamp(), window))
                .map(WindowSpec::label)
                .collect(Collectors.joining(","));
        if (refusedBy.isEmpty()) {
            return;
        }
        lateSamples.record();
        RecordHeaders headers = new RecordHeaders();
        headers.add(LATE_WINDOWS_HEADER, refusedBy.getBytes(StandardCharsets.UTF_8));
        context.forward(record.withHeaders(headers));
    }

    private boolean isLate(long timestamp, WindowSpec window) {
        long size = window.size().toMillis();
        long windowEnd = timestamp - Math.floorMod(timestamp, size) + size;
        return windowEnd <= observedStreamTime - window.grace().toMillis();
    }
}
