package io.llmwatch.processor.topology;

import io.llmwatch.processor.cost.CostAggregate;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * Adds each partial (one {@code dimension|value}, one bucket) into its tumbling window of every size, and forwards
 * the partials some window refuses as late, so they are kept on the late topic and counted instead of vanishing.
 *
 * <p>A window refuses a partial for one of two reasons:
 * <ul>
 *   <li>its calls were late where they were read: {@link DimensionPreAggregator} judged them by their own task's
 *       stream time ({@link LateWindows}) and named the refusing windows in the {@value #LATE_WINDOWS_HEADER} header;</li>
 *   <li>the window is older than its store keeps ({@link WindowSpec#retention()}) behind the newest partial seen here,
 *       so the store would drop the write. Only a processor catching up across more than a retention does this.</li>
 * </ul>
 * Lateness is not judged here by the grace: this task's partials come from every upstream task, which may be
 * minutes of event time apart while a backlog is read, so a partial behind the newest one here is not late.
 *
 * <p>A processor rather than the DSL's {@code aggregate}, because the window stores are write-behind stores
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
        List<String> lateAtSource = lateAtSource(record);
        StringJoiner refusedBy = new StringJoiner(LateWindows.LABEL_SEPARATOR);
        for (int i = 0; i < windows.size(); i++) {
            WindowSpec window = windows.get(i);
            long windowStart = timestamp - Math.floorMod(timestamp, window.size().toMillis());
            if (lateAtSource.contains(window.label()) || windowStart < observedStreamTime - window.retention().toMillis()) {
                refusedBy.add(window.label());
                continue;
            }
            WindowStore<String, CostAggregate> store = stores.get(i);
            CostAggregate total = store.fetch(record.key(), windowStart);
            store.put(record.key(), total == null ? record.value() : total.plus(record.value()), windowStart);
        }
        if (refusedBy.length() > 0) {
            lateSamples.record();
            RecordHeaders headers = new RecordHeaders();
            headers.add(LATE_WINDOWS_HEADER, refusedBy.toString().getBytes(StandardCharsets.UTF_8));
            context.forward(record.withHeaders(headers));
        }
    }

    private static List<String> lateAtSource(Record<String, CostAggregate> record) {
        Header header = record.headers().lastHeader(LATE_WINDOWS_HEADER);
        return header == null ? List.of()
                : Arrays.asList(new String(header.value(), StandardCharsets.UTF_8).split(LateWindows.LABEL_SEPARATOR));
    }
}
